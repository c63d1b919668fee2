/** One shipped line of a package, as the ERP's goods issue books it against its sales-order line. */
export interface ErpShipmentConfirmationLine {
  /** The hub's order line id (the channel's line id the ERP order was booked with). */
  readonly lineId: string;
  /** The ERP's own line number on the sales order (1-based), when known; null: the ERP matches by item. */
  readonly erpLineNumber: number | null;
  readonly sku: string;
  readonly quantity: number;
}

/**
 * A shipped package posted to the ERP as a goods issue (delivery / fulfilment). `packageReference` is
 * the idempotency key: the ERP books one goods issue per package reference and answers a repeat with
 * the same document, which is what makes a retry after a crash harmless.
 */
export interface ErpShipmentConfirmationRequest {
  readonly packageReference: string;
  /** The ERP order's external id (the hub's canonical order id). */
  readonly orderId: string;
  readonly erpOrderNumber: string;
  /** Epoch ms. */
  readonly shipDate: number;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  readonly lines: readonly ErpShipmentConfirmationLine[];
}

export interface ErpShipmentConfirmation {
  /** The ERP's goods-issue document number. */
  readonly erpDocumentNumber: string;
  /** When the ERP posted it (epoch ms, the ERP's clock). */
  readonly postedAt: number;
  /** False when the ERP already held a goods issue for this package reference: nothing new was posted. */
  readonly created: boolean;
}
