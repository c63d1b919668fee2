import type { ErpOrderPayload } from '../order/erp-order.payload';
import { assertFormatSafe, checkLineTotals, CRLF, field, ImportFormatError, readRecords, text, writeRecords, yyyymmdd } from './record-file';

/**
 * ORDIMP v1 — the legacy ERP's order import layout (the kind AS/400- and Sage-era ERPs read from a
 * drop folder): ASCII text, CRLF line ends, one record per line, fields separated by '|', record
 * type first. Amounts are whole numbers in the currency's minor unit (implied decimals), dates
 * YYYYMMDD (UTC), flags Y/N. Free text cannot contain the separator or line breaks (the format has
 * no escaping), so they become '/' and spaces; ids containing them are refused before writing.
 *
 *   HDR|ORDIMP|1|externalId|channel|channelAccountId|channelOrderId|channelOrderNumber|customerPo|
 *       customerNo|billToId|shipToId|terms|currency|pricesInclTax|orderDate|carrier|service|
 *       freightAccount|shipByDate|taxJurisdiction|taxExempt|marketplaceTax|paymentRef
 *   SHP|name|company|street1|street2|street3|city|region|postalCode|country|phone
 *   LIN|lineNo|channelLineId|item|qty|uom|extendedAmount|discount|tax|warehouse|substitutedFor|description   (1..n)
 *   TOT|subtotal|discount|shipping|tax|total
 *   NTE|text                                                                                                 (0..1)
 *   TRL|recordCount|lineCount|quantityHashTotal
 *
 * The trailer's counts and quantity hash total let the import job refuse a truncated file instead
 * of booking half an order. A cancellation is `CXL|ORDIMP|1|externalId|reasonCode` + `TRL|2|0|0`.
 *
 * The ERP answers each file with one acknowledgement line in the ack folder:
 *   ACK|externalId|status|erpOrderNumber|retryAfterSeconds|message
 * status: CREATED, DUPLICATE (external id already booked; erpOrderNumber is the existing order),
 * REJECTED (validation; message lists reasons separated by ';'), CANCELLED, ALREADY_CANCELLED,
 * NOT_CANCELLABLE, NOT_FOUND, BUSY (throttled: resubmit after retryAfterSeconds), ERROR.
 */
export const ORDIMP_VERSION = '1';

export type AckStatus = 'CREATED' | 'DUPLICATE' | 'REJECTED' | 'CANCELLED' | 'ALREADY_CANCELLED' | 'NOT_CANCELLABLE' | 'NOT_FOUND' | 'BUSY' | 'ERROR';
const ACK_STATUSES: ReadonlySet<string> = new Set<AckStatus>([
  'CREATED',
  'DUPLICATE',
  'REJECTED',
  'CANCELLED',
  'ALREADY_CANCELLED',
  'NOT_CANCELLABLE',
  'NOT_FOUND',
  'BUSY',
  'ERROR',
]);

export interface Acknowledgement {
  readonly externalId: string;
  readonly status: AckStatus;
  readonly erpOrderNumber: string | null;
  readonly retryAfterSeconds: number | null;
  readonly message: string;
}

/** What the ERP side reads back from an order file (the simulator books from it). */
export interface ImportedOrder {
  readonly externalId: string;
  readonly erpCustomerNumber: string;
  readonly currency: string;
  readonly lines: readonly {
    readonly sku: string;
    readonly quantity: number;
    readonly unitOfMeasure: string;
    readonly extendedAmountMinor: number;
    readonly taxMinor: number;
    /** Hub location the line ships from (the ERP's warehouse of that location). */
    readonly locationId: string;
  }[];
  readonly totalMinor: number;
}

export type ImportFile =
  { readonly kind: 'ORDER'; readonly order: ImportedOrder } | { readonly kind: 'CANCEL'; readonly externalId: string; readonly reasonCode: string };

const flag = (value: boolean) => (value ? 'Y' : 'N');
const date = yyyymmdd;

export function formatOrderFile(p: ErpOrderPayload): string {
  assertFormatSafe(p.externalId, 'external id');
  p.lines.forEach((l) => assertFormatSafe(l.sku, 'item'));
  const street = [0, 1, 2].map((i) => text(p.shipTo.lines[i]));
  const records = [
    [
      'HDR',
      'ORDIMP',
      ORDIMP_VERSION,
      p.externalId,
      p.channel,
      text(p.channelAccountId),
      text(p.channelOrderId),
      text(p.channelOrderNumber),
      text(p.purchaseOrderNumber),
      text(p.customer.erpCustomerNumber),
      text(p.customer.erpBillToId),
      text(p.customer.erpShipToId),
      text(p.customer.paymentTerms),
      p.currency,
      flag(p.pricesIncludeTax),
      date(p.placedAt),
      text(p.carrier.carrierCode),
      text(p.carrier.serviceCode),
      text(p.carrier.billingAccount),
      date(p.carrier.shipBy),
      text(p.tax.jurisdictionCode),
      flag(p.tax.taxExempt),
      flag(p.tax.marketplaceFacilitator),
      text(p.paymentReference),
    ],
    [
      'SHP',
      text(p.shipTo.name),
      text(p.shipTo.company),
      ...street,
      text(p.shipTo.city),
      text(p.shipTo.region),
      text(p.shipTo.postalCode),
      p.shipTo.countryCode,
      text(p.shipTo.phone),
    ],
    ...p.lines.map((l) => [
      'LIN',
      String(l.lineNumber),
      text(l.channelLineId),
      l.sku,
      String(l.quantity),
      text(l.unitOfMeasure),
      String(l.extendedAmountMinor),
      String(l.discountMinor),
      String(l.taxMinor),
      text(l.locationId),
      text(l.substitutedForSku),
      text(l.description),
    ]),
    [
      'TOT',
      String(p.totals.subtotalMinor),
      String(p.totals.discountMinor),
      String(p.totals.shippingMinor),
      String(p.totals.taxMinor),
      String(p.totals.totalMinor),
    ],
    ...(p.notes ? [['NTE', text(p.notes)]] : []),
  ];
  return writeRecords(records, p.lines);
}

export function formatCancelFile(externalId: string, reasonCode: string): string {
  assertFormatSafe(externalId, 'external id');
  return writeRecords([['CXL', 'ORDIMP', ORDIMP_VERSION, externalId, text(reasonCode)]], []);
}

/** ERP side: reads an order or cancel file, checking the trailer. */
export function parseImportFile(content: string): ImportFile {
  const records = readRecords(content);
  const first = records[0] ?? [];
  if (first[0] === 'CXL') {
    if (first[2] !== ORDIMP_VERSION) throw new ImportFormatError(`unsupported ORDIMP version ${first[2]}`);
    return { kind: 'CANCEL', externalId: field(first, 3), reasonCode: field(first, 4) };
  }
  if (first[0] !== 'HDR' || first[1] !== 'ORDIMP' || first[2] !== ORDIMP_VERSION) throw new ImportFormatError('first record is not an ORDIMP v1 HDR');
  const lines = records
    .filter((r) => r[0] === 'LIN')
    .map((r) => ({
      sku: field(r, 3),
      quantity: Number(field(r, 4)),
      unitOfMeasure: field(r, 5),
      extendedAmountMinor: Number(field(r, 6)),
      taxMinor: Number(field(r, 8)),
      locationId: field(r, 9),
    }));
  checkLineTotals(records, lines);
  const totals = records.find((r) => r[0] === 'TOT');
  return {
    kind: 'ORDER',
    order: {
      externalId: field(first, 3),
      erpCustomerNumber: field(first, 9),
      currency: field(first, 13),
      lines,
      totalMinor: Number(totals?.[5] ?? NaN),
    },
  };
}

export function formatAck(ack: Acknowledgement): string {
  return (
    ['ACK', ack.externalId, ack.status, ack.erpOrderNumber ?? '', ack.retryAfterSeconds === null ? '' : String(ack.retryAfterSeconds), text(ack.message)].join(
      '|',
    ) + CRLF
  );
}

export function parseAck(content: string): Acknowledgement {
  const parts = content.replace(/\r?\n$/, '').split('|');
  if (parts[0] !== 'ACK' || parts.length < 6 || !ACK_STATUSES.has(parts[2] ?? ''))
    throw new ImportFormatError(`not an acknowledgement: ${content.slice(0, 80)}`);
  return {
    externalId: field(parts, 1),
    status: parts[2] as AckStatus,
    erpOrderNumber: parts[3] ? parts[3] : null,
    retryAfterSeconds: parts[4] ? Number(parts[4]) : null,
    message: parts.slice(5).join('|'),
  };
}
