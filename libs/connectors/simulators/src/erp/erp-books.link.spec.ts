import { SimulatedErp } from '@crossdock/erp/simulator';
import { linkErpBooks } from './erp-books.link';
import { ErpWarehouses, SimulatedErpSource } from './simulated-erp.source';

describe('linkErpBooks', () => {
  it('lowers on-hand at the ERP warehouse of each shipped line and posts the invoice to the document feed', () => {
    let now = Date.UTC(2026, 11, 7, 9);
    const clock = () => now;
    const source = new SimulatedErpSource({ seed: 7, itemCount: 20, clock, incarnation: 'books' });
    const erp = new SimulatedErp({}, clock);
    const unlink = linkErpBooks(erp, source);
    const [reno, atlanta] = source.skus();
    if (!reno || !atlanta) throw new Error('catalog too small');
    source.setOnHand(reno, ErpWarehouses.reno, 40);
    source.setOnHand(atlanta, ErpWarehouses.atlanta, 10);
    const booked = erp.upsert(
      {
        externalId: 'O-1',
        erpCustomerNumber: 'C-1',
        currency: 'USD',
        lines: [
          { sku: reno, quantity: 5, unitOfMeasure: 'EA', extendedAmountMinor: 5_000, taxMinor: 0, locationId: 'DC-RENO' },
          { sku: atlanta, quantity: 2, unitOfMeasure: 'EA', extendedAmountMinor: 1_000, taxMinor: 0, locationId: 'DC-ATLANTA' },
        ],
        totalMinor: 6_000,
      },
      'REST',
    );
    if (booked.kind === 'INVALID') throw new Error('not booked');
    now += 60_000;
    const head = source.feedToken();
    const lines = [
      { lineId: '1', erpLineNumber: 1, sku: reno, quantity: 3 },
      { lineId: '2', erpLineNumber: 2, sku: atlanta, quantity: 2 },
    ];
    const shipped = erp.goodsIssue(
      { packageReference: 'P-1', orderId: 'O-1', erpOrderNumber: booked.order.erpOrderNumber, shipDate: now, carrierCode: 'UPSN', trackingNumber: 'T', lines },
      'REST',
    );
    if (shipped.kind !== 'CREATED') throw new Error('not posted');

    expect(source.stockRow(reno, ErpWarehouses.reno)).toMatchObject({ onHandQty: 37 });
    expect(source.stockRow(atlanta, ErpWarehouses.atlanta)).toMatchObject({ onHandQty: 8 });
    expect(Date.parse(source.stockRow(reno, ErpWarehouses.reno)?.lastModified ?? '')).toBeGreaterThanOrEqual(shipped.goodsIssue.postedAt);
    const invoices = source.invoices.changesSince(head, 10).changes;
    expect(invoices).toEqual([
      expect.objectContaining({ op: 'UPSERT', documentNumber: shipped.goodsIssue.invoiceNumber, record: expect.objectContaining({ grandTotal: 4_000 }) }),
    ]);

    // A repeated goods issue is the same document: no second stock movement, no second invoice.
    erp.goodsIssue(
      { packageReference: 'P-1', orderId: 'O-1', erpOrderNumber: booked.order.erpOrderNumber, shipDate: now, carrierCode: 'UPSN', trackingNumber: 'T', lines },
      'REST',
    );
    expect(source.stockRow(reno, ErpWarehouses.reno)).toMatchObject({ onHandQty: 37 });
    expect(source.invoices.size).toBe(1);
    unlink();
  });
});
