import type { ErpShipmentConfirmationRequest } from '../goods-issue/erp-shipment-confirmation';
import { assertFormatSafe, checkLineTotals, CRLF, field, ImportFormatError, readRecords, text, writeRecords, yyyymmdd } from './record-file';

/**
 * SHPCNF v1 — the legacy ERP's ship-confirmation import: one file per shipped package, posted as a
 * goods issue against the sales order. Conventions as ORDIMP (record-file.ts).
 *
 *   HDR|SHPCNF|1|packageReference|orderExternalId|erpOrderNumber|shipDate|carrier|trackingNumber
 *   LIN|lineNo|lineId|erpLineNumber|item|qty        (1..n; erpLineNumber empty when unknown)
 *   TRL|recordCount|lineCount|quantityHashTotal
 *
 * The ERP answers each file with one line in the ack folder:
 *   SCA|packageReference|status|goodsIssueNumber|postedAt|retryAfterSeconds|message
 * status: CREATED, DUPLICATE (the package reference was posted before; goodsIssueNumber and postedAt
 * are the existing document's), REJECTED (over-shipment, cancelled order, …; reasons separated by
 * ';'), NOT_FOUND (no order with that external id), BUSY (throttled), ERROR. postedAt is ISO 8601.
 */
export const SHPCNF_VERSION = '1';

export type ShipConfirmationAckStatus = 'CREATED' | 'DUPLICATE' | 'REJECTED' | 'NOT_FOUND' | 'BUSY' | 'ERROR';
const STATUSES: ReadonlySet<string> = new Set<ShipConfirmationAckStatus>(['CREATED', 'DUPLICATE', 'REJECTED', 'NOT_FOUND', 'BUSY', 'ERROR']);

export interface ShipConfirmationAck {
  readonly packageReference: string;
  readonly status: ShipConfirmationAckStatus;
  readonly goodsIssueNumber: string | null;
  /** Epoch ms; set with CREATED and DUPLICATE. */
  readonly postedAt: number | null;
  readonly retryAfterSeconds: number | null;
  readonly message: string;
}

export function formatShipConfirmationFile(c: ErpShipmentConfirmationRequest): string {
  assertFormatSafe(c.packageReference, 'package reference');
  assertFormatSafe(c.orderId, 'external id');
  assertFormatSafe(c.erpOrderNumber, 'ERP order number');
  c.lines.forEach((l) => assertFormatSafe(l.sku, 'item'));
  if (c.lines.length === 0) throw new ImportFormatError(`package ${c.packageReference} has no lines`);
  return writeRecords(
    [
      ['HDR', 'SHPCNF', SHPCNF_VERSION, c.packageReference, c.orderId, c.erpOrderNumber, yyyymmdd(c.shipDate), text(c.carrierCode), text(c.trackingNumber)],
      ...c.lines.map((l, i) => ['LIN', String(i + 1), text(l.lineId), l.erpLineNumber === null ? '' : String(l.erpLineNumber), l.sku, String(l.quantity)]),
    ],
    c.lines,
  );
}

/** ERP side: reads a ship-confirmation file, checking the trailer. The ship date is midnight UTC of its day. */
export function parseShipConfirmationFile(content: string): ErpShipmentConfirmationRequest {
  const records = readRecords(content);
  const header = records[0] ?? [];
  if (header[0] !== 'HDR' || header[1] !== 'SHPCNF' || header[2] !== SHPCNF_VERSION) throw new ImportFormatError('first record is not a SHPCNF v1 HDR');
  const lines = records
    .filter((r) => r[0] === 'LIN')
    .map((r) => ({
      lineId: field(r, 2),
      erpLineNumber: field(r, 3) === '' ? null : Number(field(r, 3)),
      sku: field(r, 4),
      quantity: Number(field(r, 5)),
    }));
  checkLineTotals(records, lines);
  const date = /^(\d{4})(\d{2})(\d{2})$/.exec(field(header, 6));
  if (!date) throw new ImportFormatError(`ship date '${field(header, 6)}' is not YYYYMMDD`);
  return {
    packageReference: field(header, 3),
    orderId: field(header, 4),
    erpOrderNumber: field(header, 5),
    shipDate: Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])),
    carrierCode: field(header, 7),
    trackingNumber: field(header, 8),
    lines,
  };
}

export function formatShipConfirmationAck(ack: ShipConfirmationAck): string {
  const postedAt = ack.postedAt === null ? '' : new Date(ack.postedAt).toISOString();
  const retryAfter = ack.retryAfterSeconds === null ? '' : String(ack.retryAfterSeconds);
  return ['SCA', ack.packageReference, ack.status, ack.goodsIssueNumber ?? '', postedAt, retryAfter, text(ack.message)].join('|') + CRLF;
}

export function parseShipConfirmationAck(content: string): ShipConfirmationAck {
  const parts = content.replace(/\r?\n$/, '').split('|');
  if (parts[0] !== 'SCA' || parts.length < 7 || !STATUSES.has(parts[2] ?? '')) {
    throw new ImportFormatError(`not a ship-confirmation acknowledgement: ${content.slice(0, 80)}`);
  }
  const postedAt = parts[4] ? Date.parse(parts[4]) : null;
  if (postedAt !== null && Number.isNaN(postedAt)) throw new ImportFormatError(`acknowledgement postedAt '${parts[4]}' is not a timestamp`);
  return {
    packageReference: field(parts, 1),
    status: parts[2] as ShipConfirmationAckStatus,
    goodsIssueNumber: parts[3] ? parts[3] : null,
    postedAt,
    retryAfterSeconds: parts[5] ? Number(parts[5]) : null,
    message: parts.slice(6).join('|'),
  };
}
