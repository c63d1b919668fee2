import type { ChannelOrder } from '@crossdock/contracts';
import type { FulfilmentProgress, KnownOrder, OrderLifecycleState } from '@crossdock/order-ingest/domain';
import { sql, type SqlExecutor } from '@crossdock/persistence';
import type { ChannelOrderRecord, Prisma } from '../generated/prisma/client';

/**
 * Locks the order's row for the rest of the transaction (consumer, ERP drainer and replay all go
 * through here, so they never interleave on one order) and returns it, or null for a new order.
 */
export async function lockOrder(tx: Prisma.TransactionClient, orderId: string): Promise<ChannelOrderRecord | null> {
  const locked = await tx.$queryRaw<Array<{ orderId: string }>>`SELECT "orderId" FROM "ChannelOrderRecord" WHERE "orderId" = ${orderId} FOR UPDATE`;
  // Most events are for new orders: no row, so no second round trip.
  if (locked.length === 0) return null;
  return tx.channelOrderRecord.findUnique({ where: { orderId } });
}

/**
 * `lockOrder` for a batch: locks the stored orders among `orderIds` in one statement, in id order
 * (so two batches, or a batch and the drainer, never wait on each other in a cycle), and returns them.
 */
export async function lockOrders(tx: Prisma.TransactionClient, orderIds: readonly string[]): Promise<Map<string, ChannelOrderRecord>> {
  if (orderIds.length === 0) return new Map();
  // One statement that locks and reads: batches lock often, and every round trip counts there.
  const records = await tx.$queryRaw<ChannelOrderRecord[]>`
    SELECT * FROM "ChannelOrderRecord" WHERE "orderId" = ANY(${[...orderIds]}::text[]) ORDER BY "orderId" FOR UPDATE`;
  return new Map(records.map((r) => [r.orderId, r]));
}

/** What recording the ERP's yes needs of a locked order: not its snapshot, the largest column. */
export type AcceptingOrder = Pick<ChannelOrderRecord, 'orderId' | 'draft' | 'outcomeSequence' | 'firstSeenAt'>;

/** `lockOrders` for the ERP's answers: the same locks in the same order, reading only what an acceptance needs. */
export async function lockAcceptingOrders(tx: SqlExecutor, orderIds: readonly string[]): Promise<Map<string, AcceptingOrder>> {
  if (orderIds.length === 0) return new Map();
  const records = await tx.query<AcceptingOrder>(sql.named('orders.lock-accepting')`
    SELECT "orderId", "draft", "outcomeSequence", "firstSeenAt" FROM "ChannelOrderRecord"
    WHERE "orderId" = ANY(${[...orderIds]}::text[]) ORDER BY "orderId" FOR UPDATE`);
  return new Map(records.map((r) => [r.orderId, r]));
}

/** What the domain's decision table needs to know about a stored order; `fulfilment` from OrderFulfilmentProgress. */
export function toKnownOrder(record: ChannelOrderRecord, processedEventIds: readonly string[], fulfilment: FulfilmentProgress): KnownOrder {
  return {
    state: record.state as OrderLifecycleState,
    erpAttempted: record.erpAttempted,
    fulfilment,
    snapshotOccurredAt: Number(record.snapshotOccurredAt),
    processedEventIds,
  };
}

export function snapshotOf(record: ChannelOrderRecord): ChannelOrder | null {
  return (record.snapshot as unknown as ChannelOrder | null) ?? null;
}

export const asJson = (value: unknown): Prisma.InputJsonValue => value as Prisma.InputJsonValue;
