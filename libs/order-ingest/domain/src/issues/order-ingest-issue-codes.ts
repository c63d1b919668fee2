import { OrderIssueCode } from '@crossdock/contracts';

/**
 * Every code a validation rule or the ERP submission can raise: the contract's catalogue, which is
 * where new codes are added (channels and dashboards key on the same strings).
 */
export const IssueCode = OrderIssueCode;
export type IssueCode = (typeof IssueCode)[keyof typeof IssueCode];

/** REJECTED is final (the order itself is wrong); HELD waits for reference data, stock, payment or a person. */
export type IssueDisposition = 'REJECTED' | 'HELD';

/**
 * The one place that says which codes are permanent. Rule of thumb: if fixing it means changing the
 * order in the channel, it is REJECTED; if fixing it means changing our reference data, waiting
 * (stock, payment capture, ERP) or an operator decision, it is HELD.
 *
 * Decisions worth stating:
 * - CUSTOMER_UNMAPPED is HELD: a new trade customer or a missing web-account mapping is an
 *   onboarding gap on our side; the buyer did nothing wrong and the order must not be lost.
 * - ITEM_UNMAPPED / ITEM_DISCONTINUED are HELD: the channel sells what it lists; adding an item
 *   mapping or a substitution rule releases the order.
 * - ADDRESS_INVALID, amounts, quantities, prices, currency and failed/voided payments are REJECTED:
 *   only a corrected order from the channel can fix them.
 * - ERP_REJECTED is HELD (not retryable): the ERP's validation usually points at our reference data
 *   (inactive account, blocked item); an operator fixes it and replays rather than losing the order.
 */
export const issueDisposition: Readonly<Record<IssueCode, IssueDisposition>> = {
  CUSTOMER_UNMAPPED: 'HELD',
  CREDIT_HOLD: 'HELD',
  ITEM_UNMAPPED: 'HELD',
  ITEM_DISCONTINUED: 'HELD',
  UNIT_OF_MEASURE_UNMAPPED: 'HELD',
  SHIPPING_METHOD_UNMAPPED: 'HELD',
  TAX_JURISDICTION_UNRESOLVED: 'HELD',
  PAYMENT_NOT_AUTHORIZED: 'REJECTED',
  ADDRESS_INVALID: 'REJECTED',
  NO_FULFILMENT_LOCATION: 'HELD',
  AMOUNTS_INCONSISTENT: 'REJECTED',
  ERP_UNAVAILABLE: 'HELD',
  ERP_REJECTED: 'HELD',
  CHANNEL_ACCOUNT_UNCONFIGURED: 'HELD',
  TEST_ORDER: 'REJECTED',
  CURRENCY_MISMATCH: 'REJECTED',
  QUANTITY_INVALID: 'REJECTED',
  PRICE_INVALID: 'REJECTED',
  PAYMENT_PENDING: 'HELD',
  SHIP_TO_LOCATION_UNMAPPED: 'HELD',
  ORDER_HAS_NO_LINES: 'REJECTED',
};

/**
 * `OrderIssue.retryable`: the same order may succeed later without being changed. True for HELD
 * codes except ERP_REJECTED (the ERP will refuse the same payload again until someone acts).
 */
export function isRetryable(code: IssueCode): boolean {
  return issueDisposition[code] === 'HELD' && code !== IssueCode.ErpRejected;
}
