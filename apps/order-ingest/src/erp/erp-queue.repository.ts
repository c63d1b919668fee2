import { Injectable } from '@nestjs/common';
import type { OutboxEntry, QueueStats } from '@crossdock/order-ingest/domain';
import type { ErpQueueEntry } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';

/**
 * A queued ERP call as planning sees it: read every round (hundreds of times a second under load),
 * so without the payload and the tracing columns, which the claim returns for the calls it sends.
 */
export type QueuedCall = Pick<
  ErpQueueEntry,
  'id' | 'orderId' | 'sequence' | 'kind' | 'attempts' | 'notBefore' | 'enqueuedAt' | 'delayNotifiedAt' | 'lastError'
>;

/** The durable ERP queue's rows, as the domain's drain policy sees them. */
export function toOutboxEntry(row: QueuedCall): OutboxEntry {
  return {
    id: row.id.toString(),
    orderId: row.orderId,
    sequence: row.sequence,
    kind: row.kind === 'CANCEL' ? 'CANCEL' : 'SUBMIT',
    enqueuedAt: row.enqueuedAt.getTime(),
    attempts: row.attempts,
    notBefore: row.notBefore?.getTime() ?? null,
  };
}

@Injectable()
export class ErpQueueRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * The oldest pending calls not in flight. Calls in flight are still PENDING until answered;
   * reading them back every round only to skip them was most of a round's cost. An order's
   * sequence still holds: the planner knows which orders have a call in flight.
   */
  pending(limit: number, inFlightIds: Iterable<bigint>): Promise<QueuedCall[]> {
    return this.prisma.$queryRaw<QueuedCall[]>`
      SELECT "id", "orderId", "sequence", "kind", "attempts", "notBefore", "enqueuedAt", "delayNotifiedAt", "lastError"
      FROM "ErpQueueEntry"
      WHERE "status" = 'PENDING' AND NOT ("id" = ANY(${[...inFlightIds].map(String)}::bigint[]))
      ORDER BY "enqueuedAt", "id" LIMIT ${limit}`;
  }

  /**
   * Marks the orders as possibly in the ERP before their calls are made, under the order locks:
   * from now on a cancel is queued behind such a call instead of withdrawing it. One transaction
   * for a whole dispatch round. Returns the claimed entries with their payloads, by id; an entry
   * withdrawn by a cancel meanwhile, or already done, is not among them.
   */
  async claimMany(rows: readonly QueuedCall[]): Promise<Map<string, ErpQueueEntry>> {
    if (rows.length === 0) return new Map();
    const at = new Date().toISOString();
    return this.prisma.$transaction(async (tx) => {
      const orderIds = [...new Set(rows.map((r) => r.orderId))];
      await tx.$queryRaw`SELECT 1 FROM "ChannelOrderRecord" WHERE "orderId" = ANY(${orderIds}::text[]) ORDER BY "orderId" FOR UPDATE`;
      // Under the order locks nobody else changes these entries: what is still PENDING is ours.
      const claimed = await tx.$queryRaw<ErpQueueEntry[]>`
        UPDATE "ErpQueueEntry" SET "lastAttemptAt" = ${at}::timestamp
        WHERE "id" = ANY(${rows.map((r) => r.id.toString())}::bigint[]) AND "status" = 'PENDING' RETURNING *`;
      if (claimed.length > 0) {
        await tx.$executeRaw`
          UPDATE "ChannelOrderRecord" SET "erpAttempted" = true, "updatedAt" = ${at}::timestamp
          WHERE "orderId" = ANY(${claimed.map((c) => c.orderId)}::text[])`;
      }
      return new Map(claimed.map((entry) => [entry.id.toString(), entry]));
    });
  }

  async reschedule(row: QueuedCall, entry: OutboxEntry, error: string): Promise<void> {
    await this.prisma.erpQueueEntry.updateMany({
      where: { id: row.id, status: 'PENDING' },
      data: { attempts: entry.attempts, notBefore: entry.notBefore === null ? null : new Date(entry.notBefore), lastError: error.slice(0, 2_000) },
    });
  }

  /** Orders in the exception queue by their first reason code, for the held-orders gauge. */
  heldByReason(): Promise<Array<{ reason: string | null; count: number }>> {
    return this.prisma.$queryRaw<Array<{ reason: string | null; count: number }>>`
      SELECT "reasonCodes"[1] AS reason, count(*)::int AS count FROM "ChannelOrderRecord" WHERE "state" = 'HELD' GROUP BY 1`;
  }

  async stats(now: number): Promise<Pick<QueueStats, 'depth' | 'oldestAgeMs'>> {
    const agg = await this.prisma.erpQueueEntry.aggregate({ where: { status: 'PENDING' }, _count: { _all: true }, _min: { enqueuedAt: true } });
    const oldest = agg._min.enqueuedAt?.getTime() ?? null;
    return { depth: agg._count._all, oldestAgeMs: oldest === null ? 0 : Math.max(0, now - oldest) };
  }
}
