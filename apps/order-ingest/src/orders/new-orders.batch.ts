import type { ChannelOrder } from '@crossdock/contracts';
import { orderDedupKey, type RuleIssue } from '@crossdock/order-ingest/domain';
import { type InboxReceipt, outboxBulkRows, type OutboxRow, receiptBulkRows } from '@crossdock/outbox';
import { bulkInsertAll, type RawExecutor } from '@crossdock/persistence';
import type { Prisma } from '../generated/prisma/client';
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

  async write(tx: RawExecutor): Promise<void> {
    if (this.records.length === 0) return;
    const now = new Date();
    // One statement for all four tables: each round trip waits its turn on a busy event loop.
    await bulkInsertAll(tx, [
      orderRecordRows(this.records, now),
      erpCallRows(this.erpCalls, now),
      outboxBulkRows(this.outcomes, now),
      receiptBulkRows(this.receipts, now),
    ]);
    countExceptions(this.issues);
  }
}
