import { Injectable } from '@nestjs/common';
import type { DrainEntry, QueueStats } from '@crossdock/erp/domain';
import type { SubmissionQueueEntry } from '@crossdock/order-ingest/domain';
import { sql } from '@crossdock/persistence';
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
export function toQueueEntry(row: QueuedCall): SubmissionQueueEntry {
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
    return this.prisma.sql.query<QueuedCall>(sql.named('erp-queue.pending')`
      SELECT "id", "orderId", "sequence", "kind", "attempts", "notBefore", "enqueuedAt", "delayNotifiedAt", "lastError"
      FROM "ErpQueueEntry"
      WHERE "status" = 'PENDING' AND NOT ("id" = ANY(${[...inFlightIds].map(String)}::bigint[]))
      ORDER BY "enqueuedAt", "id" LIMIT ${limit}`);
  }

  /**
   * Marks the orders as possibly in the ERP before their calls are made, under the order locks:
   * from now on a cancel is queued behind such a call instead of withdrawing it. ONE statement for
   * a whole dispatch round (it ran as a five-round-trip transaction): the first step locks the
   * orders in id order, the queue entries are claimed only through those locks, and an entry that a
   * cancel withdrew or changed meanwhile is re-checked by PostgreSQL against its latest version, so
   * it is not claimed. Returns the claimed entries with their payloads, by id.
   */
  async claimMany(rows: readonly QueuedCall[]): Promise<Map<string, ErpQueueEntry>> {
    if (rows.length === 0) return new Map();
    const at = new Date().toISOString();
    const orderIds = [...new Set(rows.map((r) => r.orderId))];
    const claimed = await this.prisma.sql.query<ErpQueueEntry>(sql.named('erp-queue.claim')`
      WITH locked AS (
        SELECT "orderId" FROM "ChannelOrderRecord" WHERE "orderId" = ANY(${orderIds}::text[]) ORDER BY "orderId" FOR UPDATE
      ), claimed AS (
        UPDATE "ErpQueueEntry" AS e SET "lastAttemptAt" = ${at}::timestamp
        FROM locked
        WHERE e."orderId" = locked."orderId" AND e."id" = ANY(${rows.map((r) => r.id.toString())}::bigint[]) AND e."status" = 'PENDING'
        RETURNING e.*
      ), attempted AS (
        UPDATE "ChannelOrderRecord" AS r SET "erpAttempted" = true, "updatedAt" = ${at}::timestamp
        FROM claimed WHERE r."orderId" = claimed."orderId"
      )
      SELECT * FROM claimed`);
    return new Map(claimed.map((entry) => [entry.id.toString(), entry]));
  }

  async reschedule(row: QueuedCall, entry: Pick<DrainEntry, 'attempts' | 'notBefore'>, error: string): Promise<void> {
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
