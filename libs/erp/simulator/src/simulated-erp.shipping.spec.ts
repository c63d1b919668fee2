import type { ErpShipmentConfirmationRequest } from '@crossdock/erp/domain';
import { SimulatedErp } from './simulated-erp';

const T0 = Date.UTC(2026, 11, 7, 9);
const order = (externalId: string) => ({
  externalId,
  erpCustomerNumber: 'C-WEB-SHOPIFY',
  currency: 'USD',
  lines: [
    { sku: 'TEE-BLK-M', quantity: 2, unitOfMeasure: 'EA', extendedAmountMinor: 5_000, taxMinor: 410, locationId: 'DC-RENO' },
    { sku: 'TEE-BLK-M', quantity: 1, unitOfMeasure: 'EA', extendedAmountMinor: 2_500, taxMinor: 0, locationId: 'DC-ATLANTA' },
  ],
  totalMinor: 7_910,
});
const pkg = (packageReference: string, erpOrderNumber: string, quantity: number, overrides: Partial<ErpShipmentConfirmationRequest> = {}) => ({
  packageReference,
  orderId: 'O-1',
  erpOrderNumber,
  shipDate: T0,
  carrierCode: 'UPSN',
  trackingNumber: '1Z1',
  lines: [{ lineId: '1', erpLineNumber: null, sku: 'TEE-BLK-M', quantity }],
  ...overrides,
});

describe('SimulatedErp goods issues and invoices', () => {
  let now: number;
  let erp: SimulatedErp;
  let erpOrderNumber: string;
  beforeEach(() => {
    now = T0;
    erp = new SimulatedErp({}, () => now);
    const booked = erp.upsert(order('O-1'), 'REST');
    if (booked.kind === 'INVALID') throw new Error('not booked');
    erpOrderNumber = booked.order.erpOrderNumber;
  });

  it('fills the item lines in order, each at its own price and location, and invoices with the tax in proportion', () => {
    now = T0 + 5_000;
    // A line never takes more than it has open: three units against the first line (two open) are refused.
    expect(erp.goodsIssue(pkg('P0', erpOrderNumber, 3), 'REST')).toMatchObject({
      kind: 'INVALID',
      errors: [{ message: expect.stringContaining('over-shipment') }],
    });
    const result = erp.goodsIssue(pkg('P1', erpOrderNumber, 2), 'REST');
    expect(result).toMatchObject({ kind: 'CREATED', goodsIssue: { postedAt: T0 + 5_000 } });
    expect(erp.goodsIssues()[0]?.lines).toEqual([{ erpLineNumber: 1, lineId: '1', sku: 'TEE-BLK-M', quantity: 2, locationId: 'DC-RENO' }]);
    const split = erp.goodsIssue(pkg('P2', erpOrderNumber, 1), 'REST');
    expect(split).toMatchObject({ kind: 'CREATED', goodsIssue: { lines: [{ erpLineNumber: 2, locationId: 'DC-ATLANTA' }] } });
    expect(erp.invoices().map((i) => [i.lines[0]?.unitPrice, i.taxTotal, i.grandTotal, i.documentDate])).toEqual([
      [2_500, 410, 5_410, '2026-12-07'],
      [2_500, 0, 2_500, '2026-12-07'],
    ]);
  });

  it('refuses a package against a cancelled order or under another order number, and after shipping the order cannot be cancelled', () => {
    expect(erp.goodsIssue(pkg('P3', 'SO-999999', 1), 'FILE')).toMatchObject({ kind: 'INVALID', errors: [{ field: 'erpOrderNumber' }] });
    erp.goodsIssue(pkg('P4', erpOrderNumber, 1), 'FILE');
    expect(erp.cancel('O-1').kind).toBe('NOT_CANCELLABLE');
    erp.upsert(order('O-2'), 'REST');
    erp.cancel('O-2');
    const second = erp.order('O-2')?.erpOrderNumber ?? '';
    expect(erp.goodsIssue(pkg('P5', second, 1, { orderId: 'O-2' }), 'REST')).toMatchObject({
      kind: 'INVALID',
      errors: [{ message: 'order O-2 is cancelled' }],
    });
    expect(erp.stats()).toMatchObject({ goodsIssues: 1, refusedGoodsIssues: 2, invoices: 1 });
  });

  it('tells its listeners about each new goods issue once, never about a repeat', () => {
    const heard: string[] = [];
    const stop = erp.onGoodsIssue((goodsIssue, invoice) => heard.push(`${goodsIssue.goodsIssueNumber}/${invoice.documentNumber}`));
    erp.goodsIssue(pkg('P6', erpOrderNumber, 1), 'REST');
    erp.goodsIssue(pkg('P6', erpOrderNumber, 1), 'REST');
    stop();
    erp.goodsIssue(pkg('P7', erpOrderNumber, 1), 'REST');
    expect(heard).toEqual([`${erp.goodsIssueFor('P6')?.goodsIssueNumber}/${erp.goodsIssueFor('P6')?.invoiceNumber}`]);
    expect(erp.goodsIssueFor('P6')?.duplicateSubmissions).toBe(1);
  });
});
