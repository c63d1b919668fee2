import type { ChannelOrder, OrderAccepted, OrderRejected } from '@crossdock/contracts';
import { toContractIssue, type RuleIssue } from '../issues/order-issue';
import type { OrderAcceptedDraft } from './order-accepted.draft';

export interface ErpConfirmation {
  readonly eventId: string;
  readonly outcomeSequence: number;
  readonly erpSystem: string;
  readonly erpOrderNumber: string;
  /** ERP line numbers by channel lineId, when the ERP reports them. */
  readonly erpLineNumbers?: Readonly<Record<string, string>>;
  readonly submittedAt: number;
  readonly occurredAt: number;
}

/** The OrderAccepted event for a draft the ERP confirmed. */
export function toOrderAccepted(draft: OrderAcceptedDraft, confirmation: ErpConfirmation): OrderAccepted {
  return {
    eventId: confirmation.eventId,
    causationId: draft.causationId,
    orderId: draft.orderId,
    outcomeSequence: confirmation.outcomeSequence,
    channel: draft.channel,
    channelAccountId: draft.channelAccountId,
    channelOrderId: draft.channelOrderId,
    erpSystem: confirmation.erpSystem,
    erpOrderNumber: confirmation.erpOrderNumber,
    account: draft.account,
    tax: draft.tax,
    carrierService: draft.carrierService,
    lines: draft.lines.map((l) => ({
      lineId: l.lineId,
      erpLineNumber: confirmation.erpLineNumbers?.[l.lineId] ?? null,
      channelSku: l.channelSku,
      sku: l.sku,
      quantity: l.quantity,
      unitOfMeasure: l.unitOfMeasure,
      substitution: l.substitution,
      locationId: l.locationId,
      locationType: l.locationType,
    })),
    shipTo: draft.shipTo,
    submittedAt: confirmation.submittedAt,
    occurredAt: confirmation.occurredAt,
  };
}

export interface OutcomeMeta {
  readonly eventId: string;
  readonly outcomeSequence: number;
  readonly occurredAt: number;
}

/** The OrderRejected event (REJECTED or HELD) for an order with issues. */
export function toOrderRejected(order: ChannelOrder, disposition: 'REJECTED' | 'HELD', issues: readonly RuleIssue[], meta: OutcomeMeta): OrderRejected {
  if (issues.length === 0) throw new Error('an OrderRejected needs at least one issue');
  return {
    eventId: meta.eventId,
    causationId: order.eventId,
    orderId: order.orderId,
    outcomeSequence: meta.outcomeSequence,
    channel: order.channel,
    channelAccountId: order.channelAccountId,
    channelOrderId: order.channelOrderId,
    disposition,
    issues: issues.map(toContractIssue),
    occurredAt: meta.occurredAt,
  };
}
