import { messageKey, Topics } from '@crossdock/contracts';
import type { MappingOutcome } from '../mapping/mapping-outcome';
import { erpInvoiceMapper } from './erp-invoice.mapper';

const map = erpInvoiceMapper({ sourceSystem: 'erp-test' });

/** A document as the ERP's document feed serves it, valid unless overridden. */
function invoiceChange(seq: number, record: Record<string, unknown> = {}) {
  const full = {
    documentNumber: 'INV-700001',
    documentType: 'INVOICE',
    salesOrderNumber: 'SO-100001',
    customerReference: 'SHOPIFY:acme-outdoor:1001',
    billToCustomer: 'C-WEB-SHOPIFY',
    currencyCode: 'USD',
    documentDate: '2026-12-07',
    postedAt: '2026-12-07T09:30:00.000Z',
    lines: [
      {
        lineNo: 1,
        itemNumber: 'TEE-BLK-M',
        quantity: 2,
        unitPrice: 2_499,
        netAmount: 4_998,
        taxAmount: 400,
        deliveryReference: 'PKG-1',
        goodsIssueNumber: 'GI-1',
      },
      { lineNo: 2, itemNumber: 'CAP-NVY-OS', quantity: 1, unitPrice: 1_499, netAmount: 1_499, taxAmount: 0, deliveryReference: null, goodsIssueNumber: null },
    ],
    taxTotal: 400,
    grandTotal: 6_897,
    lastModified: '2026-12-07T09:30:00.000Z',
    rowVersion: seq,
    ...record,
  };
  return { seq, op: 'UPSERT', documentNumber: full.documentNumber, record: full };
}

function rejection(outcome: MappingOutcome<unknown>) {
  if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`);
  return { sourceKey: outcome.sourceKey, ...outcome.rejection };
}

describe('erpInvoiceMapper', () => {
  it("maps an ERP invoice to ErpInvoice keyed by its document number, with the ERP's own figures", () => {
    const outcome = map(invoiceChange(42));
    expect(outcome).toEqual({
      kind: 'upsert',
      sourceKey: 'INV-700001',
      seq: 42,
      key: 'INV-700001',
      value: {
        invoiceNumber: 'INV-700001',
        documentType: 'INVOICE',
        sourceSystem: 'erp-test',
        erpOrderNumber: 'SO-100001',
        orderId: 'SHOPIFY:acme-outdoor:1001',
        erpCustomerNumber: 'C-WEB-SHOPIFY',
        currency: 'USD',
        lines: [
          { lineNumber: '1', sku: 'TEE-BLK-M', quantity: 2, unitPriceMinor: 2_499, amountMinor: 4_998, packageReference: 'PKG-1' },
          { lineNumber: '2', sku: 'CAP-NVY-OS', quantity: 1, unitPriceMinor: 1_499, amountMinor: 1_499, packageReference: null },
        ],
        taxMinor: 400,
        totalMinor: 6_897,
        documentDate: Date.UTC(2026, 11, 7),
        postedAt: Date.parse('2026-12-07T09:30:00.000Z'),
        version: 42,
      },
    });
    if (outcome.kind === 'upsert') expect(outcome.key).toBe(messageKey(Topics.erpInvoices, outcome.value));
  });

  it('maps a credit memo, an order without the hub reference and negative amounts (a discount line) as the ERP states them', () => {
    const outcome = map(
      invoiceChange(43, {
        documentNumber: 'CM-9',
        documentType: 'CREDIT_MEMO',
        customerReference: null,
        lines: [{ lineNo: '10', itemNumber: 'DISCOUNT', quantity: 1, unitPrice: -500, netAmount: -500 }],
        taxTotal: 0,
        grandTotal: -500,
      }),
    );
    expect(outcome).toMatchObject({
      kind: 'upsert',
      key: 'CM-9',
      value: {
        documentType: 'CREDIT_MEMO',
        orderId: null,
        lines: [{ lineNumber: '10', sku: 'DISCOUNT', quantity: 1, unitPriceMinor: -500, amountMinor: -500, packageReference: null }],
        totalMinor: -500,
      },
    });
  });

  it('copies totals that do not add up unchanged: the ERP is the system of record and reconciliation reports it', () => {
    expect(map(invoiceChange(44, { grandTotal: 1 }))).toMatchObject({ kind: 'upsert', value: { totalMinor: 1 } });
  });

  it.each([
    ['an unknown document type', { documentType: 'PROFORMA' }, 'UNKNOWN_DOCUMENT_TYPE', 'documentType'],
    ['no document type', { documentType: '' }, 'UNKNOWN_DOCUMENT_TYPE', 'documentType'],
    ['no sales order', { salesOrderNumber: ' ' }, 'MALFORMED_CHANGE', 'salesOrderNumber'],
    ['no bill-to customer', { billToCustomer: null }, 'MALFORMED_CHANGE', 'billToCustomer'],
    ['a currency that is not ISO 4217', { currencyCode: 'usd' }, 'MALFORMED_CHANGE', 'currencyCode'],
    ['no lines', { lines: [] }, 'MALFORMED_CHANGE', 'lines'],
    ['a line that is not an object', { lines: ['x'] }, 'MALFORMED_CHANGE', 'lines.0'],
    ['a line without a number', { lines: [{ itemNumber: 'A', quantity: 1, unitPrice: 1, netAmount: 1 }] }, 'MALFORMED_CHANGE', 'lines.0.lineNo'],
    ['a line without an item', { lines: [{ lineNo: 1, itemNumber: '', quantity: 1, unitPrice: 1, netAmount: 1 }] }, 'MISSING_SKU', 'itemNumber'],
    [
      'a fractional quantity',
      { lines: [{ lineNo: 1, itemNumber: 'A', quantity: 1.5, unitPrice: 1, netAmount: 1 }] },
      'NON_INTEGER_QUANTITY',
      'lines.0.quantity',
    ],
    ['a negative quantity', { lines: [{ lineNo: 1, itemNumber: 'A', quantity: -1, unitPrice: 1, netAmount: 1 }] }, 'NEGATIVE_QUANTITY', 'lines.0.quantity'],
    [
      'a unit price in major units',
      { lines: [{ lineNo: 1, itemNumber: 'A', quantity: 1, unitPrice: 24.99, netAmount: 2_499 }] },
      'INVALID_AMOUNT',
      'lines.0.unitPrice',
    ],
    ['a line amount as text', { lines: [{ lineNo: 1, itemNumber: 'A', quantity: 1, unitPrice: 1, netAmount: '1' }] }, 'INVALID_AMOUNT', 'lines.0.netAmount'],
    ['no tax total', { taxTotal: undefined }, 'INVALID_AMOUNT', 'taxTotal'],
    ['no grand total', { grandTotal: null }, 'INVALID_AMOUNT', 'grandTotal'],
    ['a document date that is not a date', { documentDate: '07/12/2026' }, 'INVALID_TIMESTAMP', 'documentDate'],
    ['no posting time', { postedAt: null }, 'INVALID_TIMESTAMP', 'postedAt'],
    ['no row version', { rowVersion: 'x' }, 'INVALID_VERSION', 'rowVersion'],
  ])('refuses %s, naming the field', (_what, record, reason, field) => {
    expect(rejection(map(invoiceChange(50, record)))).toMatchObject({ sourceKey: 'INV-700001', reason, field });
  });

  it('refuses a document without a number, listed under a placeholder key', () => {
    expect(rejection(map({ ...invoiceChange(51, { documentNumber: '' }), documentNumber: '' }))).toMatchObject({
      sourceKey: '(missing documentNumber)',
      reason: 'MALFORMED_CHANGE',
      field: 'documentNumber',
    });
  });

  it('refuses a deleted document: the ERP reverses an invoice with a credit memo, it never deletes one', () => {
    expect(rejection(map({ seq: 52, op: 'DELETE', documentNumber: 'INV-700001', record: null }))).toMatchObject({
      sourceKey: 'INV-700001',
      reason: 'MALFORMED_CHANGE',
      field: 'op',
    });
  });

  it('refuses a change that is not one without throwing', () => {
    expect(rejection(map('garbage'))).toMatchObject({ reason: 'MALFORMED_CHANGE', field: '(change)' });
    expect(rejection(map({ seq: -1, op: 'UPSERT', record: {} }))).toMatchObject({ reason: 'MALFORMED_CHANGE', field: 'seq' });
  });
});
