import { BadRequestException, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReferenceDataError } from '@crossdock/order-ingest/domain';
import { ReferenceDataStore, type LoadedRevision } from './reference-data.store';

/** Operators fix reference data in the repo files, then reload them here before replaying held orders. */
@ApiTags('reference data')
@Controller('reference-data')
export class ReferenceDataController {
  constructor(private readonly store: ReferenceDataStore) {}

  @Post('reload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Load the reference-data files again; new revisions are stored and become active' })
  @ApiOkResponse({ description: 'Revisions per kind, and whether this reload stored them' })
  async reload(): Promise<{ revisions: readonly LoadedRevision[] }> {
    try {
      return { revisions: await this.store.loadFromFiles() };
    } catch (error) {
      if (error instanceof ReferenceDataError) {
        throw new BadRequestException({ statusCode: 400, code: 'REFERENCE_DATA_INVALID', source: error.source, problems: error.problems });
      }
      throw error;
    }
  }
}
