import { Injectable } from '@nestjs/common';
import type { FeedCheckpoint, FeedStateStore } from '@crossdock/connectors/domain';
import type { RejectionFilter, RejectionLog, RejectionView } from '@crossdock/connectors/runtime';
import { Prisma } from '../generated/prisma/client';
import { PrismaService } from './prisma.service';

/** Cursors and rejections in the connector's database; one transaction per page. */
@Injectable()
export class PrismaFeedStateStore implements FeedStateStore, RejectionLog {
  constructor(private readonly prisma: PrismaService) {}

  async loadCursor(feed: string): Promise<string | null> {
    return (await this.prisma.feedCursor.findUnique({ where: { feed } }))?.cursor ?? null;
  }

  async commit({ feed, cursor, rejections, resolvedSourceKeys }: FeedCheckpoint): Promise<void> {
    const now = new Date();
    const writes: Prisma.PrismaPromise<unknown>[] = [];
    if (rejections.length > 0) {
      writes.push(
        this.prisma.sourceRejection.createMany({
          data: rejections.map((r) => ({
            feed,
            dedupKey: r.dedupKey,
            sourceKey: r.sourceKey,
            sourceSeq: r.seq === null ? null : BigInt(r.seq),
            reason: r.reason,
            field: r.field,
            message: r.message,
            change: r.change === null || r.change === undefined ? Prisma.JsonNull : (r.change as Prisma.InputJsonValue),
            resolvedAt: r.resolved ? now : null,
          })),
          // A page re-read after a crash carries the same rejections: stored once.
          skipDuplicates: true,
        }),
      );
    }
    if (resolvedSourceKeys.length > 0) {
      writes.push(this.prisma.sourceRejection.updateMany({ where: { feed, sourceKey: { in: [...resolvedSourceKeys] }, resolvedAt: null }, data: { resolvedAt: now } }));
    }
    if (cursor !== null) writes.push(this.prisma.feedCursor.upsert({ where: { feed }, create: { feed, cursor }, update: { cursor } }));
    if (writes.length > 0) await this.prisma.$transaction(writes);
  }

  async list({ feed, status, reason, limit }: RejectionFilter): Promise<RejectionView[]> {
    const rows = await this.prisma.sourceRejection.findMany({
      where: {
        ...(feed ? { feed } : {}),
        ...(reason ? { reason } : {}),
        ...(status === 'open' ? { resolvedAt: null } : status === 'resolved' ? { resolvedAt: { not: null } } : {}),
      },
      orderBy: { id: 'desc' },
      take: limit,
    });
    return rows.map((row) => ({
      id: row.id.toString(),
      feed: row.feed,
      sourceKey: row.sourceKey,
      sourceSeq: row.sourceSeq === null ? null : Number(row.sourceSeq),
      reason: row.reason,
      field: row.field,
      message: row.message,
      change: row.change,
      rejectedAt: row.rejectedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    }));
  }
}
