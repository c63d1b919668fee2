/**
 * An invoice or credit memo as the ERP's document API returns it: the ERP's own names and layout,
 * not the hub's (erp-connector maps it to ErpInvoice). Amounts are whole numbers in the currency's
 * minor unit. The ERP is the system of record for these documents; the hub only reads them.
 */
export interface ErpInvoiceDocument {
  readonly documentNumber: string;
  readonly documentType: 'INVOICE' | 'CREDIT_MEMO';
  /** The sales order the document bills. */
  readonly salesOrderNumber: string;
  /** The external reference the sales order was booked with (the hub's order id), if any. */
  readonly customerReference: string | null;
  readonly billToCustomer: string;
  readonly currencyCode: string;
  /** YYYY-MM-DD. */
  readonly documentDate: string;
  /** ISO 8601. */
  readonly postedAt: string;
  readonly lines: readonly ErpInvoiceDocumentLine[];
  readonly taxTotal: number;
  /** Net lines plus tax. */
  readonly grandTotal: number;
}

export interface ErpInvoiceDocumentLine {
  readonly lineNo: number;
  readonly itemNumber: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly netAmount: number;
  readonly taxAmount: number;
  /** The goods issue the line bills, as the shipper referenced it (the hub's package reference). */
  readonly deliveryReference: string | null;
  readonly goodsIssueNumber: string | null;
}

/** A document as its change feed serves it: the row's version and change time added. */
export interface ErpInvoiceRecord extends ErpInvoiceDocument {
  /** ISO 8601. */
  readonly lastModified: string;
  /** Feed sequence of the row's last change: monotonic per document. */
  readonly rowVersion: number;
}

export interface ErpInvoiceChange {
  readonly seq: number;
  readonly op: 'UPSERT' | 'DELETE';
  readonly documentNumber: string;
  readonly record: ErpInvoiceRecord | null;
}
