import type { ChannelOrder } from '@crossdock/contracts';
import { orderDedupKey, type RuleIssue } from '@crossdock/order-ingest/domain';
import { type InboxReceipt, outboxBulkRows, type OutboxRow, receiptBulkRows } from '@crossdock/outbox';
import { bulkInsertAll, bulkInsertAllReturning, type RawQueryExecutor } from '@crossdock/persistence';
import type { ErpQueueEntry, Prisma } from '../generated/prisma/client';
import type { SubmissionSentAtOnce } from '../erp/erp-queue.repository';
import { erpCallRows, orderRecordRows } from '../prisma/bulk-rows';
import { countExceptions, type EvaluationRows } from './evaluation.writer';

/**
 * First-seen orders of one batch, written with one statement instead of four per order: the common case (a new order, its ERP submission or rejection, its receipt) is what
 * a promotion burst is made of.
 */
export class NewOrdersBatch {
  private readonly records: Prisma.ChannelOrderRecordCreateManyInput[] = [];
  private readonly erpCalls: Prisma.ErpQueueEntryCreateManyInput[] = [];
  private readonly outcomes: OutboxRow[] = [];
  private readonly receipts: InboxReceipt[] = [];
  private readonly issues: RuleIssue[] = [];

  add(order: ChannelOrder, rows: EvaluationRows): void {
    this.records.push({ orderId: order.orderId, ...rows.record });
    if (rows.erpCall) this.erpCalls.push(rows.erpCall);
    if (rows.outcome) this.outcomes.push(rows.outcome);
    this.issues.push(...rows.issues);
    this.receipts.push({ messageId: order.eventId, subject: order.orderId, dedupKey: orderDedupKey(order), outcome: 'EVALUATE', duplicate: false });
  }

  /**
   * Writes the batch. With `sendAtOnce` the submissions are written as already being attempted (the
   * order `erpAttempted`, the entry `lastAttemptAt`), which is what the drainer's claim would
   * otherwise write before the call, and are returned so that the drainer can send them right after
   * the commit. Should the drainer not send one after all, it stays PENDING for its next round, and
   * `erpAttempted` only means that a cancel is sent to the ERP rather than withdrawn locally, which
   * is right either way.
   */
  async write(tx: RawQueryExecutor, sendAtOnce = false): Promise<SubmissionSentAtOnce[]> {
    if (this.records.length === 0) return [];
    const now = new Date();
    const attempting = sendAtOnce ? new Set(this.erpCalls.map((c) => c.orderId)) : new Set<string>();
    const records = this.records.map((r) => (attempting.has(r.orderId) ? { ...r, erpAttempted: true } : r));
    const calls = sendAtOnce ? this.erpCalls.map((c) => ({ ...c, lastAttemptAt: now })) : this.erpCalls;
    // One statement for all four tables: each round trip waits its turn on a busy event loop.
    const tables = [orderRecordRows(records, now), erpCallRows(calls, now), outboxBulkRows(this.outcomes, now), receiptBulkRows(this.receipts, now)];
    let inserted: Array<{ id: string; orderId: string }> = [];
    if (sendAtOnce) inserted = await bulkInsertAllReturning(tx, tables, { index: 1, columns: ['id', 'orderId'] });
    else await bulkInsertAll(tx, tables);
    countExceptions(this.issues);
    const ids = new Map(inserted.map((r) => [r.orderId, BigInt(r.id)]));
    return calls.flatMap((call) => {
      const id = ids.get(call.orderId);
      return id === undefined ? [] : [{ entry: queuedEntry(id, call, now) }];
    });
  }
}

function queuedEntry(id: bigint, call: Prisma.ErpQueueEntryCreateManyInput, now: Date): ErpQueueEntry {
  return {
    id,
    orderId: call.orderId,
    sequence: call.sequence,
    kind: call.kind,
    payload: call.payload as ErpQueueEntry['payload'],
    status: 'PENDING',
    attempts: 0,
    notBefore: null,
    lastError: null,
    traceparent: call.traceparent ?? null,
    correlationId: call.correlationId ?? null,
    enqueuedAt: now,
    lastAttemptAt: now,
    completedAt: null,
    delayNotifiedAt: null,
  };
}
