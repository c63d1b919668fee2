import { randomUUID } from 'node:crypto';
import { type ErpSubmission, type OrderAcceptedDraft, toOrderAccepted } from '@crossdock/order-ingest/domain';
import { bulkInsertStatement, type SqlExecutor } from '@crossdock/persistence';
import type { ErpQueueEntry } from '../generated/prisma/client';
import { outboxRow, type OutboxStamp } from '../outbox/event-outbox.writer';
import type { OutboxHandover, RelayedEvent } from '../outbox/outbox-handover';
import { lockAcceptingOrders } from '../orders/order-record.repository';
import { outboxEventRows } from '../prisma/bulk-rows';

/**
 * A submission the intake sent at once, with what it wrote: the draft the acceptance announces,
 * and the time it stamped on the new order (`updatedAt`, `firstSeenAt`).
 */
export interface SubmissionSentAtOnce {
  readonly entry: ErpQueueEntry;
  readonly draft: OrderAcceptedDraft;
  readonly recordedAt: Date;
}

/** An ERP's yes to one submission, with the trace of the call that got it. */
export interface ErpAcceptance {
  readonly row: ErpQueueEntry;
  readonly erpSystem: string;
  readonly submission: ErpSubmission;
  readonly stamp: OutboxStamp;
  /** Set when the submission was sent at once: what the intake wrote, so nothing needs reading back. */
  readonly sentAtOnce?: Omit<SubmissionSentAtOnce, 'entry'>;
}

/**
 * Records acceptances of submissions sent at once whose orders nothing has touched since the
 * intake wrote them (same `updatedAt`, no outcome yet): ONE statement without a transaction
 * around it, and no read of the order, because the draft is still in memory. The orders are
 * locked by the statement and re-checked against their latest version, so an order a cancel, a
 * delay notice or a replay changed meanwhile is left alone, and so is an entry no longer PENDING.
 * The OrderAccepted events it writes are each order's first outcome event, so they are handed to
 * the relay in memory (`OutboxHandover`) instead of waiting for its scan.
 * Returns the ids of the entries it recorded; the others take `recordAcceptances`.
 */
export async function recordUnchangedAcceptances(
  db: SqlExecutor,
  acceptances: readonly ErpAcceptance[],
  relay: Pick<OutboxHandover, 'reserve'>,
): Promise<Set<string>> {
  const known = acceptances.flatMap((a) => (a.sentAtOnce ? [{ ...a, sentAtOnce: a.sentAtOnce }] : []));
  if (known.length === 0) return new Set();
  const now = new Date();
  const at = now.toISOString();
  const events = acceptedEvents(
    known.map((a) => ({ acceptance: a, draft: a.sentAtOnce.draft, outcomeSequence: 1 })),
    now,
    'v."entryId" IN (SELECT "id" FROM accepted)',
  );
  // Each order's first outcome event (outcomeSequence 0 before it), so the relay may take it in memory.
  const ticket = relay.reserve(events.rows.map((r) => r.eventId));
  try {
    const written = await db.query<{ id: string; eventId: string }>({
    text: `
      WITH v AS (
        SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[], $6::timestamp[]) AS v("entryId", "orderId", erp, "recordedAt")
      ), unchanged AS (
        SELECT r."orderId" FROM "ChannelOrderRecord" AS r JOIN v ON r."orderId" = v."orderId"
        WHERE r."updatedAt" = v."recordedAt" AND r."outcomeSequence" = 0
        ORDER BY r."orderId" FOR UPDATE OF r
      ), done AS (
        UPDATE "ErpQueueEntry" AS e SET "status" = 'DONE', "completedAt" = $2::timestamp
        FROM v WHERE e."id" = v."entryId" AND e."status" = 'PENDING' AND v."orderId" IN (SELECT "orderId" FROM unchanged)
        RETURNING e."id"
      ), accepted AS (
        UPDATE "ChannelOrderRecord" AS r
        SET "state" = 'ACCEPTED', "erpOrderNumber" = v.erp, "outcomeSequence" = 1,
            "stateChangedAt" = $2::timestamp, "updatedAt" = $2::timestamp, "issues" = '[]'::jsonb, "reasonCodes" = '{}'::text[]
        FROM v WHERE r."orderId" = v."orderId" AND v."entryId" IN (SELECT "id" FROM done)
        RETURNING v."entryId" AS "id"
      ), events AS (${events.text} RETURNING "id", "eventId")
      SELECT "id"::text AS "id", "eventId" FROM events`,
      values: [
        events.json,
        at,
        known.map((a) => a.row.id.toString()),
        known.map((a) => a.row.orderId),
        known.map((a) => a.submission.erpOrderNumber),
        known.map((a) => a.sentAtOnce.recordedAt.toISOString()),
      ],
    });
    const byEventId = new Map(events.rows.map((r) => [r.eventId, r]));
    const committed = written.flatMap((w) => {
      const row = byEventId.get(w.eventId);
      if (!row) return [];
      const { entryId, ...event } = row;
      return [{ entryId, event: { ...event, id: BigInt(w.id) } }];
    });
    ticket?.committed(committed.map((c) => c.event));
    // An event is written exactly when its entry was recorded DONE and its order ACCEPTED.
    return new Set(committed.map((c) => c.entryId.toString()));
  } finally {
    ticket?.close();
  }
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
): { readonly text: string; readonly json: string; readonly rows: ReadonlyArray<AcceptedEventRow> } {
  const rows = announced.map(({ acceptance: a, draft, outcomeSequence }) => {
    const event = toOrderAccepted(draft, {
      eventId: randomUUID(),
      outcomeSequence,
      erpSystem: a.erpSystem,
      erpOrderNumber: a.submission.erpOrderNumber,
      submittedAt: a.row.lastAttemptAt?.getTime() ?? now.getTime(),
      occurredAt: now.getTime(),
    });
    const row = { ...outboxRow({ topic: 'ordersAccepted', value: event }, a.stamp), entryId: a.row.id };
    const relayed: AcceptedEventRow = { ...row, payload: event as unknown as RelayedEvent['payload'] };
    return { insert: row, relayed };
  });
  const statement = bulkInsertStatement(
    outboxEventRows(rows.map((r) => r.insert), now),
    1,
    { columns: { entryId: 'bigint' }, where },
  );
  return { ...statement, rows: rows.map((r) => r.relayed) };
}

/** An OrderAccepted outbox row before the database gave it an id, with the queue entry it announces. */
type AcceptedEventRow = Omit<RelayedEvent, 'id'> & { readonly entryId: bigint };
