import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBadRequestOrUnreadable, ApiBodyFrom, ApiQueryFrom, InvalidParameterDto, parseOr400 } from '@crossdock/service-kit';
import { ErpQueueDto, ExceptionListDto, ReplayAuditListDto, ReplayResponseDto } from './exceptions.dto';
import { exceptionQuerySchema, replayManySchema, replayOneSchema } from './exception-query.parser';
import { ExceptionsService } from './exceptions.service';
import { ReplayService } from './replay.service';

/** The exception queue for operations: what is held and why, and the safe way to release it. */
@ApiTags('exceptions')
@Controller()
export class ExceptionsController {
  constructor(
    private readonly exceptions: ExceptionsService,
    private readonly replays: ReplayService,
  ) {}

  @Get('exceptions')
  @ApiOperation({ summary: 'List held (default), rejected or ERP-waiting orders, oldest first' })
  @ApiQueryFrom(exceptionQuerySchema)
  @ApiOkResponse({ type: ExceptionListDto })
  @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is invalid or unknown; `parameter` names it' })
  list(@Query() query: Record<string, unknown>): Promise<ExceptionListDto> {
    return this.exceptions.list(parseOr400(exceptionQuerySchema, query));
  }

  @Post('exceptions/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay many held orders (idempotent, audited)' })
  @ApiBodyFrom(replayManySchema)
  @ApiOkResponse({ type: ReplayResponseDto })
  @ApiBadRequestOrUnreadable(InvalidParameterDto, 'The body is invalid; `parameter` names the field')
  async replayMany(@Body() body: unknown): Promise<ReplayResponseDto> {
    const request = parseOr400(replayManySchema, body);
    return { results: await this.replays.replay({ orderIds: request.orderIds, requestedBy: request.requestedBy, reason: request.reason ?? null }) };
  }

  @Post('exceptions/:orderId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay one held order (idempotent, audited); an unknown order is a NOT_FOUND result' })
  @ApiBodyFrom(replayOneSchema)
  @ApiOkResponse({ type: ReplayResponseDto })
  @ApiBadRequestOrUnreadable(InvalidParameterDto, 'The body is invalid; `parameter` names the field')
  async replayOne(@Param('orderId') orderId: string, @Body() body: unknown): Promise<ReplayResponseDto> {
    const request = parseOr400(replayOneSchema, body);
    return { results: await this.replays.replay({ orderIds: [orderId], requestedBy: request.requestedBy, reason: request.reason ?? null }) };
  }

  @Get('exceptions/:orderId/replays')
  @ApiOperation({ summary: 'Audit trail of replays of one order (empty for an order never replayed)' })
  @ApiOkResponse({ type: ReplayAuditListDto })
  @ApiBadRequestOrUnreadable()
  async audit(@Param('orderId') orderId: string): Promise<ReplayAuditListDto> {
    const rows = await this.replays.audit(orderId);
    return { replays: rows.map((r) => ({ ...r, id: r.id.toString(), requestedAt: r.requestedAt.toISOString() })) };
  }

  @Get('erp-queue')
  @ApiOperation({ summary: 'What waits for the ERP: count, oldest age, retrying' })
  @ApiOkResponse({ type: ErpQueueDto })
  erpQueue(): Promise<ErpQueueDto> {
    return this.exceptions.erpQueue();
  }
}
