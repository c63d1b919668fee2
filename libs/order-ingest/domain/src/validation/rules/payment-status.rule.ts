import type { PaymentInfo, PaymentStatus } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';

/**
 * Goods ship only against money: consumers must have paid or authorised (PARTIALLY_CAPTURED counts:
 * split captures happen on multi-parcel orders under one authorisation); trade customers may buy on
 * terms, their credit is checked by the credit-hold rule. A pending payment may still clear, so it
 * is HELD; a failed, voided or refunded one never will, so it is REJECTED.
 */
const PAID: ReadonlySet<PaymentStatus> = new Set(['CAPTURED', 'AUTHORIZED', 'PARTIALLY_CAPTURED']);
const MAY_STILL_CLEAR: ReadonlySet<PaymentStatus> = new Set(['PENDING', 'UNKNOWN']);

export function checkPaymentStatus(payment: PaymentInfo, isBusinessOrder: boolean): RuleIssue[] {
  if (PAID.has(payment.status)) return [];
  if (payment.status === 'ON_TERMS') {
    if (isBusinessOrder) return [];
    return [
      orderIssue(IssueCode.PaymentNotAuthorized, 'consumer order is ON_TERMS; only trade accounts buy on terms', {
        field: 'payment.status',
      }),
    ];
  }
  if (MAY_STILL_CLEAR.has(payment.status)) {
    return [
      orderIssue(IssueCode.PaymentPending, `payment is ${payment.status}; waiting for authorisation or capture`, {
        field: 'payment.status',
      }),
    ];
  }
  return [
    orderIssue(IssueCode.PaymentNotAuthorized, `payment is ${payment.status}; nothing is authorised to ship against`, {
      field: 'payment.status',
    }),
  ];
}
