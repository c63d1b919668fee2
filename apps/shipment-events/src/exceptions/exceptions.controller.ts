import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiBadRequestOrUnreadable, ApiBodyFrom, ApiQueryFrom, InvalidParameterDto, parseOr400 } from '@crossdock/service-kit';
import { ExceptionListDto, ExceptionNotFoundDto, ReplayAuditListDto, ReplayResponseDto, ShipmentExceptionDetailDto } from './exceptions.dto';
import { EXCEPTION_ID_PATTERN, exceptionIdSchema, exceptionQuerySchema, replayAuditQuerySchema, replayRequestSchema } from './exception-query.schema';
import { ExceptionReplayService } from './exception-replay.service';
import { ExceptionsService } from './exceptions.service';

/** The exception queue for operations: what is parked or refused and why, and the safe way to run it again. */
@ApiTags('exceptions')
@Controller('exceptions')
export class ExceptionsController {
  constructor(
    private readonly exceptions: ExceptionsService,
    private readonly replays: ExceptionReplayService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List open (default) or resolved exceptions by reason, channel, account, order and age, oldest first' })
  @ApiQueryFrom(exceptionQuerySchema)
  @ApiOkResponse({ type: ExceptionListDto })
  @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is invalid or unknown; `parameter` names it' })
  list(@Query() query: Record<string, unknown>): Promise<ExceptionListDto> {
    return this.exceptions.list(parseOr400(exceptionQuerySchema, query));
  }

  // Declared before ':id', so the router serves this path here and not as an exception id.
  @Get('replay')
  @ApiOperation({ summary: 'The replay audit: every replay of any exception, newest first, by operator and outcome' })
  @ApiQueryFrom(replayAuditQuerySchema)
  @ApiOkResponse({ type: ReplayAuditListDto })
  @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is invalid or unknown; `parameter` names it' })
  audit(@Query() query: Record<string, unknown>): Promise<ReplayAuditListDto> {
    return this.exceptions.replays(parseOr400(replayAuditQuerySchema, query));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One exception with every replay of it' })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: EXCEPTION_ID_PATTERN }, description: 'Exception id' })
  @ApiOkResponse({ type: ShipmentExceptionDetailDto })
  @ApiBadRequestOrUnreadable(InvalidParameterDto, 'The id is not an exception id; `parameter` is `id`')
  @ApiNotFoundResponse({ type: ExceptionNotFoundDto, description: 'No exception has this id' })
  one(@Param('id') id: string): Promise<ShipmentExceptionDetailDto> {
    return this.exceptions.one(parseOr400(exceptionIdSchema, { id }).id);
  }

  @Post('replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Replay exceptions by id or by filter once their cause is fixed (each applies at most once; audited)',
    description:
      'A parked fact runs through the rules again: APPLIED resolves the exception and publishes what the fact changes, STILL_FAILING keeps it open with the reason it has now. Refused releases and cancellations are NOT_REPLAYABLE. Every result but NOT_FOUND is recorded with `requestedBy` (GET /exceptions/{id}).',
  })
  @ApiBodyFrom(replayRequestSchema)
  @ApiOkResponse({ type: ReplayResponseDto })
  @ApiBadRequestOrUnreadable(InvalidParameterDto, 'The body is invalid; `parameter` names the field')
  replay(@Body() body: unknown): Promise<ReplayResponseDto> {
    return this.replays.replay(parseOr400(replayRequestSchema, body));
  }
}
