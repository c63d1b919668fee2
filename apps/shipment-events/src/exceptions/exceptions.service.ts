import { Injectable, NotFoundException } from '@nestjs/common';
import { isReplayableReason } from '@crossdock/shipment-events/domain';
import type { ExceptionReplay, Prisma, ShipmentException } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { ExceptionListDto, ReplayAuditDto, ReplayAuditListDto, ShipmentExceptionDetailDto, ShipmentExceptionDto } from './exceptions.dto';
import type { ExceptionQuery, ReplayAuditQuery, ReplayFilter } from './exception-query.schema';

const MINUTE = 60_000;

/** The WHERE of a filter (GET /exceptions, a replay by filter): reason, channel, account, order, age window. */
export function exceptionWhere(filter: ReplayFilter, now: number): Prisma.ShipmentExceptionWhereInput {
  const raised: Prisma.DateTimeFilter = {};
  if (filter.minAgeMinutes !== undefined) raised.lte = new Date(now - filter.minAgeMinutes * MINUTE);
  if (filter.maxAgeMinutes !== undefined) raised.gte = new Date(now - filter.maxAgeMinutes * MINUTE);
  return {
    ...(filter.reason ? { reason: filter.reason } : {}),
    ...(filter.channel ? { channel: filter.channel } : {}),
    ...(filter.channelAccountId ? { channelAccountId: filter.channelAccountId } : {}),
    ...(filter.orderId ? { orderId: filter.orderId } : {}),
    ...(Object.keys(raised).length > 0 ? { createdAt: raised } : {}),
  };
}

/** Oldest first, the id breaking ties, so paging is stable. */
export const OLDEST_FIRST: Prisma.ShipmentExceptionOrderByWithRelationInput[] = [{ createdAt: 'asc' }, { id: 'asc' }];

/** Read side of the exception queue: what is parked or refused, why, for how long, and its replays. */
@Injectable()
export class ExceptionsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ExceptionQuery, now = Date.now()): Promise<ExceptionListDto> {
    const where: Prisma.ShipmentExceptionWhereInput = {
      status: query.status,
      ...exceptionWhere(query, now),
      ...(query.replayed === 'true' ? { replays: { some: {} } } : query.replayed === 'false' ? { replays: { none: {} } } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.shipmentException.findMany({
        where,
        orderBy: OLDEST_FIRST,
        skip: query.offset,
        take: query.limit,
        include: { _count: { select: { replays: true } } },
      }),
      this.prisma.shipmentException.count({ where }),
    ]);
    return { total, exceptions: rows.map((r) => exceptionView(r, r._count.replays, now)) };
  }

  /** The replay audit across exceptions: who replayed what, when, and what came of it. */
  async replays(query: ReplayAuditQuery): Promise<ReplayAuditListDto> {
    const where: Prisma.ExceptionReplayWhereInput = {
      ...(query.requestedBy ? { actor: query.requestedBy } : {}),
      ...(query.outcome ? { outcome: query.outcome } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.exceptionReplay.findMany({ where, orderBy: { id: 'desc' }, skip: query.offset, take: query.limit }),
      this.prisma.exceptionReplay.count({ where }),
    ]);
    return { total, replays: rows.map((r) => ({ ...replayView(r), exceptionId: r.exceptionId.toString() })) };
  }

  async one(id: string, now = Date.now()): Promise<ShipmentExceptionDetailDto> {
    const row = await this.prisma.shipmentException.findUnique({ where: { id: BigInt(id) }, include: { replays: { orderBy: { id: 'asc' } } } });
    if (!row) throw new NotFoundException(`no exception ${id}`);
    return { ...exceptionView(row, row.replays.length, now), replays: row.replays.map(replayView) };
  }
}

function exceptionView(r: ShipmentException, replayCount: number, now: number): ShipmentExceptionDto {
  return {
    id: r.id.toString(),
    reason: r.reason,
    status: r.status,
    subject: r.subject,
    orderId: r.orderId,
    channel: r.channel,
    channelAccountId: r.channelAccountId,
    factId: r.factId,
    replayable: r.factId !== null && isReplayableReason(r.reason),
    detail: r.detail,
    createdAt: r.createdAt.toISOString(),
    ageSeconds: Math.max(0, Math.round((now - r.createdAt.getTime()) / 1000)),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolution: r.resolution,
    replayCount,
  };
}

function replayView(r: ExceptionReplay): ReplayAuditDto {
  return {
    id: r.id.toString(),
    actor: r.actor,
    requestedAt: r.requestedAt.toISOString(),
    reasonBefore: r.reasonBefore,
    outcome: r.outcome,
    reasonAfter: r.reasonAfter,
    detail: r.detail,
  };
}
