import type { ErpShipmentConfirmation, ErpShipmentConfirmationRequest } from '@crossdock/erp/domain';

/**
 * The one ship-confirmation contract every ERP sits behind (cloud REST, legacy flat files): a shipped
 * package posted as a goods issue. Implementations are idempotent by `packageReference` (a repeat
 * returns the same document with created=false) and throw only ErpTransientError (outage, 429 with
 * Retry-After, 5xx, timeout: retry later) or ErpPermanentError (the ERP refuses this package: unknown
 * order, over-shipment against the ERP order, …; retrying it unchanged cannot help).
 */
export interface ErpShipmentConfirmationPort {
  /** ERP instance name. */
  readonly erpSystem: string;
  confirm(confirmation: ErpShipmentConfirmationRequest): Promise<ErpShipmentConfirmation>;
}
