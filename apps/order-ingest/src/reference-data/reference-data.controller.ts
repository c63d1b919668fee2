import { BadRequestException, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReferenceDataError } from '@crossdock/order-ingest/domain';
import { ReferenceDataInvalidDto, ReloadResultDto } from './reference-data.dto';
import { ReferenceDataStore } from './reference-data.store';

/** Operators fix reference data in the repo files, then reload them here before replaying held orders. */
@ApiTags('reference data')
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly store: ReferenceDataStore) {}

  @Post('reload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Load the reference-data files again; new revisions are stored and become active' })
  @ApiOkResponse({ type: ReloadResultDto, description: 'Revisions per kind, and whether this reload stored them' })
  @ApiBadRequestResponse({ type: ReferenceDataInvalidDto, description: 'A reference-data file is invalid: `source` names it, `problems` says why' })
  async reload(): Promise<ReloadResultDto> {
    try {
      return { revisions: [...(await this.store.loadFromFiles())] };
    } catch (error) {
      if (error instanceof ReferenceDataError) {
        throw new BadRequestException({ statusCode: 400, code: 'REFERENCE_DATA_INVALID', source: error.source, problems: error.problems });
      }
      throw error;
    }
  }
}
