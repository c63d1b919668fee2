import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { OrderIssueCode } from '@crossdock/contracts';
import { ErpQueueDto, ExceptionListDto, ReplayRequestDto, ReplayResponseDto } from './exceptions.dto';
import { exceptionQuerySchema, parseOr400, replayRequestSchema } from './exception-query.parser';
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
  @ApiQuery({ name: 'status', required: false, enum: ['HELD', 'REJECTED', 'WAITING_FOR_ERP'] })
  @ApiQuery({ name: 'reason', required: false, enum: Object.values(OrderIssueCode) })
  @ApiQuery({ name: 'channel', required: false, example: 'SHOPIFY' })
  @ApiQuery({ name: 'channelAccountId', required: false, example: 'acme-outdoor' })
  @ApiQuery({ name: 'minAgeMinutes', required: false, type: Number, description: 'in this state for at least this long' })
  @ApiQuery({ name: 'maxAgeMinutes', required: false, type: Number, description: 'in this state for at most this long' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '1..500, default 100' })
  @ApiOkResponse({ type: ExceptionListDto })
  @ApiBadRequestResponse({ description: 'A parameter is invalid; `parameter` names it' })
  list(@Query() query: Record<string, unknown>): Promise<ExceptionListDto> {
    return this.exceptions.list(parseOr400(exceptionQuerySchema, query));
  }

  @Post('exceptions/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay many held orders (idempotent, audited)' })
  @ApiBody({ type: ReplayRequestDto })
  @ApiOkResponse({ type: ReplayResponseDto })
  @ApiBadRequestResponse({ description: 'A parameter is invalid; `parameter` names it' })
  async replayMany(@Body() body: unknown): Promise<ReplayResponseDto> {
    const request = parseOr400(replayRequestSchema.required({ orderIds: true }), body);
    return { results: await this.replays.replay({ orderIds: request.orderIds, requestedBy: request.requestedBy, reason: request.reason ?? null }) };
  }

  @Post('exceptions/:orderId/replay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay one held order (idempotent, audited)' })
  @ApiBody({ type: ReplayRequestDto })
  @ApiOkResponse({ type: ReplayResponseDto })
  @ApiBadRequestResponse({ description: 'A parameter is invalid; `parameter` names it' })
  async replayOne(@Param('orderId') orderId: string, @Body() body: unknown): Promise<ReplayResponseDto> {
    const request = parseOr400(replayRequestSchema.omit({ orderIds: true }), body);
    return { results: await this.replays.replay({ orderIds: [orderId], requestedBy: request.requestedBy, reason: request.reason ?? null }) };
  }

  @Get('exceptions/:orderId/replays')
  @ApiOperation({ summary: 'Audit trail of replays of one order' })
  async audit(@Param('orderId') orderId: string) {
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
