import { randomUUID } from 'node:crypto';
import { type ErpSubmission, type OrderAcceptedDraft, toOrderAccepted } from '@crossdock/order-ingest/domain';
import { outboxBulkRows, type OutboxStamp } from '@crossdock/outbox';
import { bulkInsertStatement, type SqlExecutor } from '@crossdock/persistence';
import type { ErpQueueEntry } from '../generated/prisma/client';
import { outcomeRow } from '../outbox/outcome-events';
import { lockAcceptingOrders } from '../orders/order-record.repository';

/** An ERP's yes to one submission, with the trace of the call that got it. */
export interface ErpAcceptance {
  readonly row: ErpQueueEntry;
  readonly erpSystem: string;
  readonly submission: ErpSubmission;
  readonly stamp: OutboxStamp;
}

/**
 * Records many accepted submissions in the caller's transaction with two statements after the
 * order locks: the queue entries DONE, the orders ACCEPTED with their ERP order numbers and one
 * OrderAccepted per order in the outbox, as one statement whose order update and event insert
 * apply only to the entries it found PENDING. An entry that is no longer PENDING (recorded by an
 * earlier attempt) is skipped, so recording the same answer twice changes nothing. Returns, per
 * acceptance, when its order was first seen (for the capture-latency metric), or null when skipped.
 */
export async function recordAcceptances(tx: SqlExecutor, acceptances: readonly ErpAcceptance[]): Promise<Array<Date | null>> {
  const records = await lockAcceptingOrders(tx, [...new Set(acceptances.map((a) => a.row.orderId))]);
  const now = new Date();
  const at = now.toISOString();
  // An order without a draft was never accepted by the rules: its entry is closed, nothing announced.
  const announced = acceptances.filter((a) => records.get(a.row.orderId)?.draft);
  const insert = acceptedEvents(
    announced.map((a) => {
      const record = records.get(a.row.orderId);
      return { acceptance: a, draft: record?.draft as unknown as OrderAcceptedDraft, outcomeSequence: (record?.outcomeSequence ?? 0) + 1 };
    }),
    now,
    'v."entryId" IN (SELECT "id" FROM done)',
  );
  // Stored timestamps are UTC wall time without a zone (Prisma's DateTime): cast the ISO string so.
  const accepted = await tx.query<{ id: bigint }>({
    name: 'erp-queue.record-acceptances',
    text: `
      WITH done AS (
        UPDATE "ErpQueueEntry" SET "status" = 'DONE', "completedAt" = $2::timestamp
        WHERE "id" = ANY($3::bigint[]) AND "status" = 'PENDING' RETURNING "id", "orderId"
      ), accepted AS (
        UPDATE "ChannelOrderRecord" AS r
        SET "state" = 'ACCEPTED', "erpOrderNumber" = v.erp, "outcomeSequence" = r."outcomeSequence" + 1,
            "stateChangedAt" = $2::timestamp, "updatedAt" = $2::timestamp, "issues" = '[]'::jsonb, "reasonCodes" = '{}'::text[]
        FROM unnest($4::bigint[], $5::text[], $6::text[]) AS v("entryId", "orderId", erp)
        WHERE r."orderId" = v."orderId" AND v."entryId" IN (SELECT "id" FROM done)
        RETURNING v."entryId" AS "id"
      ), events AS (${insert.text})
      SELECT "id" FROM accepted`,
    values: [
      insert.json,
      at,
      acceptances.map((a) => a.row.id.toString()),
      announced.map((a) => a.row.id.toString()),
      announced.map((a) => a.row.orderId),
      announced.map((a) => a.submission.erpOrderNumber),
    ],
  });
  const acceptedIds = new Set(accepted.map((a) => a.id.toString()));
  return acceptances.map((a) => (acceptedIds.has(a.row.id.toString()) ? (records.get(a.row.orderId)?.firstSeenAt ?? null) : null));
}

/**
 * One OrderAccepted per acceptance, as an outbox insert to embed in the recording statement
 * (parameter $1), written only for the entries `where` lets through.
 */
function acceptedEvents(
  announced: ReadonlyArray<{ readonly acceptance: ErpAcceptance; readonly draft: OrderAcceptedDraft; readonly outcomeSequence: number }>,
  now: Date,
  where: string,
): { readonly text: string; readonly json: string } {
  const rows = announced.map(({ acceptance: a, draft, outcomeSequence }) => {
    const event = toOrderAccepted(draft, {
      eventId: randomUUID(),
      outcomeSequence,
      erpSystem: a.erpSystem,
      erpOrderNumber: a.submission.erpOrderNumber,
      ...(a.submission.erpLineNumbers ? { erpLineNumbers: a.submission.erpLineNumbers } : {}),
      submittedAt: a.row.lastAttemptAt?.getTime() ?? now.getTime(),
      occurredAt: now.getTime(),
    });
    return { ...outcomeRow({ topic: 'ordersAccepted', value: event }, a.stamp), entryId: a.row.id };
  });
  return bulkInsertStatement(outboxBulkRows(rows, now), 1, { columns: { entryId: 'bigint' }, where });
}
