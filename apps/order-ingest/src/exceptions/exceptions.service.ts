import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import type { ErpQueueDto, ExceptionListDto, OrderIssueDto } from './exceptions.dto';
import type { ExceptionQuery } from './exception-query.parser';

const MINUTE = 60_000;

/** Read side of the exception queue: what is stuck, why, and for how long. */
@Injectable()
export class ExceptionsService {
  constructor(private readonly prisma: PrismaService) {}

  async list(query: ExceptionQuery, now = Date.now()): Promise<ExceptionListDto> {
    const since: Prisma.DateTimeFilter = {};
    if (query.minAgeMinutes !== undefined) since.lte = new Date(now - query.minAgeMinutes * MINUTE);
    if (query.maxAgeMinutes !== undefined) since.gte = new Date(now - query.maxAgeMinutes * MINUTE);
    const where: Prisma.ChannelOrderRecordWhereInput = {
      state: query.status === 'WAITING_FOR_ERP' ? 'SUBMISSION_PENDING' : query.status,
      ...(query.reason ? { reasonCodes: { has: query.reason } } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
      ...(query.channelAccountId ? { channelAccountId: query.channelAccountId } : {}),
      ...(Object.keys(since).length > 0 ? { stateChangedAt: since } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.channelOrderRecord.findMany({ where, orderBy: { stateChangedAt: 'asc' }, take: query.limit }),
      this.prisma.channelOrderRecord.count({ where }),
    ]);
    return {
      total,
      orders: rows.map((r) => ({
        orderId: r.orderId,
        channel: r.channel,
        channelAccountId: r.channelAccountId,
        channelOrderId: r.channelOrderId,
        state: r.state,
        reasonCodes: r.reasonCodes,
        issues: ((r.issues as unknown as OrderIssueDto[] | null) ?? []).map(({ reasonCode, field, lineId, message, retryable }) => ({
          reasonCode,
          field,
          lineId,
          message,
          retryable,
        })),
        since: r.stateChangedAt.toISOString(),
        ageSeconds: Math.max(0, Math.round((now - r.stateChangedAt.getTime()) / 1000)),
        duplicateCount: r.duplicateCount,
      })),
    };
  }

  async erpQueue(now = Date.now()): Promise<ErpQueueDto> {
    const [agg, retrying] = await Promise.all([
      this.prisma.erpQueueEntry.aggregate({ where: { status: 'PENDING' }, _count: { _all: true }, _min: { enqueuedAt: true } }),
      this.prisma.erpQueueEntry.count({ where: { status: 'PENDING', attempts: { gt: 0 } } }),
    ]);
    const oldest = agg._min.enqueuedAt?.getTime();
    return { depth: agg._count._all, oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000), retrying };
  }
}
