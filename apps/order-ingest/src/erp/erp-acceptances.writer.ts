import { randomUUID } from 'node:crypto';
import { type ErpSubmission, type OrderAcceptedDraft, toOrderAccepted } from '@crossdock/order-ingest/domain';
import { sql, type SqlExecutor } from '@crossdock/persistence';
import type { ErpQueueEntry } from '../generated/prisma/client';
import { outboxRow, type OutboxStamp } from '../outbox/event-outbox.writer';
import { lockAcceptingOrders } from '../orders/order-record.repository';
import { insertOutboxEvents } from '../prisma/bulk-rows';

/** An ERP's yes to one submission, with the trace of the call that got it. */
export interface ErpAcceptance {
  readonly row: ErpQueueEntry;
  readonly erpSystem: string;
  readonly submission: ErpSubmission;
  readonly stamp: OutboxStamp;
}

/**
 * Records many accepted submissions in the caller's transaction with a fixed number of statements:
 * the queue entries DONE, the orders ACCEPTED with their ERP order numbers, and one OrderAccepted
 * per order in the outbox. An entry that is no longer PENDING (recorded by an earlier attempt) is
 * skipped, so recording the same answer twice changes nothing. Returns, per acceptance, when its
 * order was first seen (for the capture-latency metric), or null when it was skipped.
 */
export async function recordAcceptances(tx: SqlExecutor, acceptances: readonly ErpAcceptance[]): Promise<Array<Date | null>> {
  const records = await lockAcceptingOrders(tx, [...new Set(acceptances.map((a) => a.row.orderId))]);
  const now = new Date();
  const at = now.toISOString();
  // Stored timestamps are UTC wall time without a zone (Prisma's DateTime): cast the ISO string so.
  const done = await tx.query<{ id: bigint }>(sql`
    UPDATE "ErpQueueEntry" SET "status" = 'DONE', "completedAt" = ${at}::timestamp
    WHERE "id" = ANY(${acceptances.map((a) => a.row.id.toString())}::bigint[]) AND "status" = 'PENDING' RETURNING "id"`);
  const doneIds = new Set(done.map((d) => d.id.toString()));
  const accepted = acceptances.filter((a) => doneIds.has(a.row.id.toString()) && records.get(a.row.orderId)?.draft);
  if (accepted.length === 0) return acceptances.map(() => null);

  await tx.query(sql`
    UPDATE "ChannelOrderRecord" AS r
    SET "state" = 'ACCEPTED', "erpOrderNumber" = v.erp, "outcomeSequence" = r."outcomeSequence" + 1,
        "stateChangedAt" = ${at}::timestamp, "updatedAt" = ${at}::timestamp, "issues" = '[]'::jsonb, "reasonCodes" = '{}'::text[]
    FROM unnest(${accepted.map((a) => a.row.orderId)}::text[], ${accepted.map((a) => a.submission.erpOrderNumber)}::text[]) AS v("orderId", erp)
    WHERE r."orderId" = v."orderId"`);
  await insertOutboxEvents(
    tx,
    accepted.map((a) => {
      const record = records.get(a.row.orderId);
      const event = toOrderAccepted(record?.draft as unknown as OrderAcceptedDraft, {
        eventId: randomUUID(),
        outcomeSequence: (record?.outcomeSequence ?? 0) + 1,
        erpSystem: a.erpSystem,
        erpOrderNumber: a.submission.erpOrderNumber,
        submittedAt: a.row.lastAttemptAt?.getTime() ?? now.getTime(),
        occurredAt: now.getTime(),
      });
      return outboxRow({ topic: 'ordersAccepted', value: event }, a.stamp);
    }),
    now,
  );
  const acceptedIds = new Set(accepted.map((a) => a.row.id.toString()));
  return acceptances.map((a) => (acceptedIds.has(a.row.id.toString()) ? (records.get(a.row.orderId)?.firstSeenAt ?? null) : null));
}
