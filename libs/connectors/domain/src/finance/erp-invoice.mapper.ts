import { messageKey, Topics, type ErpDocumentType, type ErpInvoice, type ErpInvoiceLine } from '@crossdock/contracts';
import { keyPart, mapChange, requiredId } from '../mapping/change-envelope';
import { reject, RejectionReason, type FeedMapper } from '../mapping/mapping-outcome';
import { arrayAt, isObject, optionalText, quantity, timestamp, version, type SourceObject } from '../mapping/source-fields';

export interface ErpInvoiceMapperOptions {
  /** ErpInvoice.sourceSystem, e.g. 'netsuite-prod'. */
  readonly sourceSystem: string;
}

const DOCUMENT_TYPES: Readonly<Record<string, ErpDocumentType>> = { INVOICE: 'INVOICE', CREDIT_MEMO: 'CREDIT_MEMO' };
const CURRENCY = /^[A-Z]{3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T|$)/;

/**
 * ERP billing document (invoice or credit memo) from the ERP's document feed -> ErpInvoice on
 * `Topics.erpInvoices`, keyed by document number; a newer version of a document is published again
 * with its higher `version`. The ERP is the system of record: the mapper copies its figures and
 * never recomputes them (a total that does not add up is finance-recon's exception to report, not a
 * record to hide). Refused, naming the field: a deleted document (the ERP reverses an invoice with a
 * credit memo, it never deletes one), an unknown document type, a document without an order, a
 * customer, a valid currency or lines, and amounts or quantities that are not whole minor units.
 */
export function erpInvoiceMapper({ sourceSystem }: ErpInvoiceMapperOptions): FeedMapper<ErpInvoice> {
  return (change) =>
    mapChange<ErpInvoice>(
      change,
      (keys) => keyPart(keys, 'documentNumber', '(missing documentNumber)'),
      ({ seq, op, record }) => {
        if (op === 'DELETE' || record === null)
          reject(RejectionReason.MalformedChange, 'op', 'an ERP billing document is never deleted (a credit memo reverses it)');
        const invoice = toErpInvoice(record, sourceSystem);
        return { kind: 'upsert', sourceKey: invoice.invoiceNumber, seq, key: messageKey(Topics.erpInvoices, invoice), value: invoice };
      },
    );
}

function toErpInvoice(record: SourceObject, sourceSystem: string): ErpInvoice {
  const invoiceNumber = requiredId(record, 'documentNumber', RejectionReason.MalformedChange);
  const type = requiredId(record, 'documentType', RejectionReason.UnknownDocumentType);
  const documentType = DOCUMENT_TYPES[type];
  if (!documentType) reject(RejectionReason.UnknownDocumentType, 'documentType', `documentType ${type} is not INVOICE or CREDIT_MEMO`);
  const currency = requiredId(record, 'currencyCode', RejectionReason.MalformedChange);
  if (!CURRENCY.test(currency)) reject(RejectionReason.MalformedChange, 'currencyCode', `currencyCode ${currency} is not an ISO 4217 code`);
  const lines = arrayAt(record, 'lines').map((line, index) => lineOf(line, `lines.${index}`));
  if (lines.length === 0) reject(RejectionReason.MalformedChange, 'lines', 'the document bills no line');
  return {
    invoiceNumber,
    documentType,
    sourceSystem,
    erpOrderNumber: requiredId(record, 'salesOrderNumber', RejectionReason.MalformedChange),
    orderId: optionalText(record, 'customerReference'),
    erpCustomerNumber: requiredId(record, 'billToCustomer', RejectionReason.MalformedChange),
    currency,
    lines,
    taxMinor: amount(record, 'taxTotal'),
    totalMinor: amount(record, 'grandTotal'),
    documentDate: documentDate(record),
    postedAt: timestamp(record, 'postedAt'),
    version: version(record, 'rowVersion'),
  };
}

function lineOf(line: unknown, field: string): ErpInvoiceLine {
  if (!isObject(line)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
  const lineNo = line['lineNo'];
  if ((typeof lineNo !== 'number' || !Number.isSafeInteger(lineNo) || lineNo <= 0) && (typeof lineNo !== 'string' || lineNo.trim() === '')) {
    reject(RejectionReason.MalformedChange, `${field}.lineNo`, `${field}.lineNo is ${JSON.stringify(lineNo)}, not a line number`);
  }
  return {
    lineNumber: String(lineNo).trim(),
    sku: requiredId(line, 'itemNumber', RejectionReason.MissingSku),
    quantity: quantity(line, 'quantity', { dotted: `${field}.quantity` }),
    unitPriceMinor: amount(line, 'unitPrice', `${field}.unitPrice`),
    amountMinor: amount(line, 'netAmount', `${field}.netAmount`),
    packageReference: optionalText(line, 'deliveryReference'),
  };
}

/**
 * The document's date, ISO 8601 only (YYYY-MM-DD, or a full timestamp): a locale date such as
 * 07/12/2026 reads as July or December depending on who reads it, so it is refused, not guessed.
 */
function documentDate(record: SourceObject): number {
  const value = record['documentDate'];
  if (typeof value !== 'string' || !ISO_DATE.test(value.trim())) {
    reject(RejectionReason.InvalidTimestamp, 'documentDate', `documentDate is ${JSON.stringify(value)}, not an ISO 8601 date`);
  }
  return timestamp(record, 'documentDate');
}

/** Money in whole minor units; negative is allowed (discount and rounding lines), absent or fractional is not. */
function amount(source: SourceObject, field: string, dotted = field): number {
  const value = source[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    reject(RejectionReason.InvalidAmount, dotted, `${dotted} is ${JSON.stringify(value)}, not a whole amount in minor units`);
  }
  return value;
}
