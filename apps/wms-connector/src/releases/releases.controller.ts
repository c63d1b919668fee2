import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiQueryFrom, InvalidParameterDto, parseOr400 } from '@crossdock/service-kit';
import { ReleaseDispatcherService } from './release-dispatcher.service';
import { releaseQuerySchema } from './release-query.schema';
import { ReleaseQueueRepository } from './release-queue.repository';
import { ReleaseListDto, type LocationDispatchDto, type ReleaseViewDto } from './releases.dto';

/** GET /releases?status=&locationId=&limit=: warehouse releases, newest first, with where each stands. */
@ApiTags('releases')
@Controller('releases')
export class ReleasesController {
  constructor(
    private readonly queue: ReleaseQueueRepository,
    private readonly dispatcher: ReleaseDispatcherService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Warehouse releases and cancellations received, newest first: queued, sent, acknowledged, rejected, cancelled or refused' })
  @ApiQueryFrom(releaseQuerySchema)
  @ApiOkResponse({ type: ReleaseListDto })
  @ApiBadRequestResponse({ type: InvalidParameterDto, description: 'A parameter is invalid or unknown; `parameter` names it' })
  async list(@Query() query: Record<string, unknown>): Promise<{ releases: ReleaseViewDto[]; count: number; locations: LocationDispatchDto[] }> {
    const filter = parseOr400(releaseQuerySchema, query);
    const rows = await this.queue.list(filter);
    const releases = rows.map((row) => ({
      releaseId: row.releaseId,
      action: row.action,
      orderId: row.orderId,
      locationId: row.locationId,
      locationType: row.locationType,
      status: row.status,
      attempts: row.attempts,
      lastError: row.lastError,
      warehouseReference: row.warehouseReference,
      reason: row.reason,
      detail: row.detail,
      receivedAt: row.receivedAt.toISOString(),
      sentAt: row.sentAt?.toISOString() ?? null,
      answeredAt: row.answeredAt?.toISOString() ?? null,
    }));
    const locations = [...this.dispatcher.locationStates()].map(([locationId, state]) => ({
      locationId,
      failures: state.failures,
      nextAttemptAt: new Date(state.nextAttemptAt).toISOString(),
      lastError: state.lastError,
    }));
    return { releases, count: releases.length, locations };
  }
}
