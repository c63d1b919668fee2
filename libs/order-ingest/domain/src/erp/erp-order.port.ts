import type { ErpOrderPayload } from '@crossdock/erp/domain';

export interface ErpSubmission {
  readonly erpOrderNumber: string;
  /** False when the ERP already held an order with this external id (a resubmission): nothing new was booked. */
  readonly created: boolean;
  /**
   * The ERP's own line numbers by channel line id, when its answer gives them: OrderAccepted carries
   * them, so a goods issue names the sales-order line it ships instead of leaving the ERP to match by item.
   */
  readonly erpLineNumbers?: Readonly<Record<string, string>>;
}

export interface ErpCancellation {
  readonly erpOrderNumber: string;
  /** ALREADY_CANCELLED makes a repeated cancel harmless; NOT_CANCELLABLE: picked or shipped in the ERP. */
  readonly outcome: 'CANCELLED' | 'ALREADY_CANCELLED' | 'NOT_CANCELLABLE';
  readonly reason: string | null;
}

/**
 * The one order-submission contract every ERP sits behind, so the ERP can be swapped (cloud API,
 * legacy flat files) without touching channels or rules. Implementations must be idempotent by
 * `externalId` and throw only ErpTransientError (retry later, the order is fine) or
 * ErpPermanentError (the ERP refuses this order; retrying the same payload cannot help).
 */
export interface ErpOrderPort {
  /** ERP instance name, stored on OrderAccepted.erpSystem. */
  readonly erpSystem: string;
  submit(payload: ErpOrderPayload): Promise<ErpSubmission>;
  cancel(externalId: string, reasonCode: string): Promise<ErpCancellation>;
}
