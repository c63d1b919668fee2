import { bulkInsertAll, type BulkRows, type RawExecutor, type RawQueryExecutor } from '@crossdock/persistence';

/**
 * The receipt of one handled message (`InboxReceipt`): kept for good, it is what makes a
 * redelivery, a replay or a producer's retry a duplicate instead of a second effect.
 */
export interface InboxReceipt {
  /** The message's own id (its eventId): a redelivery finds it. */
  readonly messageId: string;
  /** What the message is about (orderId, shipmentId...): the receipts of one business object. */
  readonly subject: string;
  /** Groups retries of one business event that arrived under a fresh message id (`orderId#eventType`). */
  readonly dedupKey: string;
  /** What the handler did with it, for support questions (`EVALUATE`, `SUPPRESS`...). */
  readonly outcome: string;
  /** Whether it was already known as a business event (same dedupKey) and changed nothing. */
  readonly duplicate: boolean;
}

/**
 * Of these message ids, the ones received before. Run it in the transaction that records the new
 * receipts (with the business rows locked), so two deliveries cannot both find a message new.
 */
export async function receivedMessageIds(db: RawQueryExecutor, messageIds: readonly string[]): Promise<Set<string>> {
  if (messageIds.length === 0) return new Set();
  // The ids travel as one JSON parameter, which Prisma's and SqlPool's executors bind alike.
  const rows = await db.$queryRawUnsafe<Array<{ messageId: string }>>(
    'SELECT "messageId" FROM "InboxReceipt" WHERE "messageId" IN (SELECT jsonb_array_elements_text($1::jsonb))',
    JSON.stringify(messageIds),
  );
  return new Set(rows.map((r) => r.messageId));
}

/** Receipts as one table's share of a bulk insert (`bulkInsertAll`), to join a larger statement. */
export function receiptBulkRows(receipts: readonly InboxReceipt[], now: Date = new Date()): BulkRows {
  return {
    table: 'InboxReceipt',
    columns: { messageId: 'text', subject: 'text', dedupKey: 'text', outcome: 'text', duplicate: 'boolean', receivedAt: 'timestamp' },
    rows: receipts.map((r) => ({ ...r, receivedAt: now })),
  };
}

/**
 * Records receipts in the caller's transaction. A message id recorded before makes the statement
 * fail with a unique violation (23505), which rolls the caller's work back: that is the duplicate
 * the caller's check missed, and the redelivery is decided again.
 */
export async function recordReceipts(tx: RawExecutor, receipts: readonly InboxReceipt[], now: Date = new Date()): Promise<number> {
  if (receipts.length === 0) return 0;
  return bulkInsertAll(tx, [receiptBulkRows(receipts, now)]);
}

/**
 * Records one message's receipt unless it was received before: true the first time, false for a
 * redelivery (which then does nothing). Its effect belongs in the same transaction, so that the
 * receipt and the effect commit together: exactly once in effect, however often it is delivered.
 */
export async function receiveOnce(tx: RawQueryExecutor, receipt: InboxReceipt, now: Date = new Date()): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<Array<{ messageId: string }>>(
    'INSERT INTO "InboxReceipt" ("messageId", "subject", "dedupKey", "outcome", "duplicate", "receivedAt") ' +
      'VALUES ($1, $2, $3, $4, $5, $6::timestamp) ON CONFLICT ("messageId") DO NOTHING RETURNING "messageId"',
    receipt.messageId,
    receipt.subject,
    receipt.dedupKey,
    receipt.outcome,
    receipt.duplicate,
    now.toISOString(),
  );
  return rows.length === 1;
}
