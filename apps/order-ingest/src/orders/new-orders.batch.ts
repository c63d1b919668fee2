import type { ChannelOrder } from '@crossdock/contracts';
import { orderDedupKey } from '@crossdock/order-ingest/domain';
import type { Prisma } from '../generated/prisma/client';
import { insertErpCalls, insertOrderRecords, insertOutboxEvents, insertReceipts } from '../prisma/bulk-rows';
import type { EvaluationRows } from './evaluation.writer';

/**
 * First-seen orders of one batch, written with one statement per table instead of four per order: the common case (a new order, its ERP submission or rejection, its receipt) is what
 * a promotion burst is made of.
 */
export class NewOrdersBatch {
  private readonly records: Prisma.ChannelOrderRecordCreateManyInput[] = [];
  private readonly erpCalls: Prisma.ErpQueueEntryCreateManyInput[] = [];
  private readonly outcomes: Prisma.EventOutboxCreateManyInput[] = [];
  private readonly receipts: Prisma.InboundOrderEventCreateManyInput[] = [];

  add(order: ChannelOrder, rows: EvaluationRows): void {
    this.records.push({ orderId: order.orderId, ...rows.record });
    if (rows.erpCall) this.erpCalls.push(rows.erpCall);
    if (rows.outcome) this.outcomes.push(rows.outcome);
    this.receipts.push({ eventId: order.eventId, orderId: order.orderId, dedupKey: orderDedupKey(order), action: 'EVALUATE', duplicate: false });
  }

  async write(tx: Prisma.TransactionClient): Promise<void> {
    if (this.records.length === 0) return;
    const now = new Date();
    await insertOrderRecords(tx, this.records, now);
    await insertErpCalls(tx, this.erpCalls, now);
    await insertOutboxEvents(tx, this.outcomes, now);
    await insertReceipts(tx, this.receipts, now);
  }
}
