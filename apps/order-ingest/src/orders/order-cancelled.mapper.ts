import type { CancellationStatus, ChannelOrder, OrderCancelled } from '@crossdock/contracts';
import type { OrderAcceptedDraft } from '@crossdock/order-ingest/domain';

export interface CancellationOutcome {
  readonly eventId: string;
  readonly causationId: string;
  readonly outcomeSequence: number;
  readonly status: Exclude<CancellationStatus, 'UNKNOWN'>;
  readonly erpOrderNumber: string | null;
  readonly reasonCode: string;
  readonly message: string | null;
  readonly requestedAt: number;
  readonly occurredAt: number;
}

/**
 * OrderCancelled for a whole-order cancellation. The lines come from the booked draft when there is
 * one (hub SKUs and base quantities, what availability releases), else from the channel snapshot;
 * nothing is listed when the order was never known (cancel before create) or not cancelled.
 */
export function toOrderCancelled(
  order: Pick<ChannelOrder, 'orderId' | 'channel' | 'channelAccountId' | 'channelOrderId'>,
  lines: { draft: OrderAcceptedDraft | null; snapshot: ChannelOrder | null },
  outcome: CancellationOutcome,
): OrderCancelled {
  const cancelled =
    outcome.status === 'NOT_CANCELLABLE'
      ? []
      : lines.draft
        ? lines.draft.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity }))
        : (lines.snapshot?.lines ?? []).map((l) => ({ lineId: l.lineId, sku: null, quantity: l.quantity }));
  return {
    eventId: outcome.eventId,
    causationId: outcome.causationId,
    orderId: order.orderId,
    outcomeSequence: outcome.outcomeSequence,
    channel: order.channel,
    channelAccountId: order.channelAccountId,
    channelOrderId: order.channelOrderId,
    erpOrderNumber: outcome.erpOrderNumber,
    status: outcome.status,
    cancelledLines: cancelled,
    reasonCode: outcome.reasonCode,
    message: outcome.message,
    requestedAt: outcome.requestedAt,
    occurredAt: outcome.occurredAt,
  };
}
