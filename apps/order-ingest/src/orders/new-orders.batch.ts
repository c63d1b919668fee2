import type { ChannelOrder } from '@crossdock/contracts';
import { orderDedupKey } from '@crossdock/order-ingest/domain';
import type { Prisma } from '../generated/prisma/client';
import type { EvaluationRows } from './evaluation.writer';

/**
 * First-seen orders of one batch, written with one insert per table instead of four statements
 * per order: the common case (a new order, its ERP submission or rejection, its receipt) is what
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
    await tx.channelOrderRecord.createMany({ data: this.records });
    if (this.erpCalls.length > 0) await tx.erpQueueEntry.createMany({ data: this.erpCalls });
    if (this.outcomes.length > 0) await tx.eventOutbox.createMany({ data: this.outcomes });
    await tx.inboundOrderEvent.createMany({ data: this.receipts });
  }
}
