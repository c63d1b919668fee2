import { CarrierDirectory } from '../carriers/carrier-directory';
import { sampleBook, sampleLineState, sampleOrderState } from '../testing/shipment-book.fixture';
import { sampleWarehouseShipment } from '../testing/shipment-facts.fixture';
import { TRACKING_REUSE_WINDOW_MS } from './tracking-reuse.rule';
import { applyWarehouseFact, type WarehouseFactContext } from './warehouse-fact.rules';

const ctx: WarehouseFactContext = { carriers: CarrierDirectory.standard(), trackingUses: [] };
const applied = (decision: ReturnType<typeof applyWarehouseFact>) => {
  if (decision.kind !== 'APPLIED') throw new Error(`expected APPLIED, got ${decision.kind} ${JSON.stringify(decision)}`);
  return decision;
};

describe('applyWarehouseFact', () => {
  it('ships a package: milestone SHIPPED, shipped and picked quantities, ERP confirmation due', () => {
    const decision = applied(applyWarehouseFact(sampleBook(), sampleWarehouseShipment(), ctx));
    expect(decision.effects.milestones).toEqual([
      expect.objectContaining({ packageReference: 'wms-main:CTN-1', milestone: 'SHIPPED', sourceStatus: 'SHIPPED', causationId: 'fact-1' }),
    ]);
    expect(decision.effects.newlyShipped).toEqual(['wms-main:CTN-1']);
    expect(decision.book.packages[0]).toMatchObject({ carrierCode: 'UPSN', sourceCarrier: 'UPS', trackingNumber: '1Z001', shippedAt: 1_000 });
    expect(decision.book.order).toMatchObject({ status: 'SHIPPED', version: 2 });
    expect(decision.book.order.lines[0]).toMatchObject({ pickedQuantity: 1, shippedQuantity: 1 });
  });

  it('waits for the order when it is not accepted yet', () => {
    expect(applyWarehouseFact(null, sampleWarehouseShipment(), ctx)).toMatchObject({ kind: 'WAITING', reason: 'ORDER_NOT_ACCEPTED' });
  });

  it('counts picks and keeps the highest short-pick the warehouse reported for a line', () => {
    const book = sampleBook({ order: sampleOrderState({ lines: [sampleLineState({ orderedQuantity: 5 })] }) });
    const picked = applied(
      applyWarehouseFact(
        book,
        sampleWarehouseShipment({
          stage: 'PICKED',
          packages: [],
          lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 3, shortQuantity: 2, shortReason: 'STOCKOUT' }],
        }),
        ctx,
      ),
    );
    expect(picked.book.order.lines[0]).toMatchObject({ pickedQuantity: 3, shortQuantity: 2 });
    expect(picked.book.order.status).toBe('IN_PROGRESS');
    expect(picked.effects.milestones).toEqual([]);
    const shipped = applied(
      applyWarehouseFact(
        picked.book,
        sampleWarehouseShipment({
          factKey: 'evt-2',
          lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 3, shortQuantity: 2, shortReason: 'STOCKOUT' }],
          packages: [{ ...sampleWarehouseShipment().packages[0]!, lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 3 }] }],
        }),
        ctx,
      ),
    );
    expect(shipped.book.order.lines[0]).toMatchObject({ pickedQuantity: 3, shortQuantity: 2, shippedQuantity: 3 });
    expect(shipped.book.order.status).toBe('SHIPPED');
  });

  it('counts a package packed and then shipped once', () => {
    const book = sampleBook({ order: sampleOrderState({ lines: [sampleLineState({ orderedQuantity: 1 })] }) });
    const packed = applied(applyWarehouseFact(book, sampleWarehouseShipment({ stage: 'PACKED', factKey: 'pack', shipDate: null }), ctx));
    expect(packed.effects.milestones.map((m) => m.milestone)).toEqual(['PACKED']);
    expect(packed.effects.newlyShipped).toEqual([]);
    const shipped = applied(applyWarehouseFact(packed.book, sampleWarehouseShipment({ factKey: 'ship' }), ctx));
    expect(shipped.effects.milestones.map((m) => m.milestone)).toEqual(['SHIPPED']);
    expect(shipped.book.order.lines[0]?.shippedQuantity).toBe(1);
    expect(shipped.book.packages).toHaveLength(1);
  });

  it('ships the lines of a source that reports no packages as one package named after the fact', () => {
    const decision = applied(
      applyWarehouseFact(
        sampleBook(),
        sampleWarehouseShipment({ packages: [], source: 'THIRD_PARTY_LOGISTICS', sourceSystem: '3pl-dallas', factKey: 'K1' }),
        ctx,
      ),
    );
    expect(decision.book.packages[0]).toMatchObject({ packageReference: '3pl-dallas:fact:K1', carrierCode: null, trackingNumber: null });
    expect(decision.book.order.lines[0]?.shippedQuantity).toBe(1);
  });

  it('OVER_SHIPMENT: more than ordered minus what already shipped', () => {
    const shippedOnce = applied(applyWarehouseFact(sampleBook(), sampleWarehouseShipment(), ctx)).book;
    const again = sampleWarehouseShipment({
      factKey: 'evt-2',
      packages: [{ ...sampleWarehouseShipment().packages[0]!, packageReference: 'CTN-2', trackingNumber: '1Z002' }],
    });
    expect(applyWarehouseFact(shippedOnce, again, ctx)).toMatchObject({ kind: 'EXCEPTION', reason: 'OVER_SHIPMENT' });
    const cancelled = sampleBook({ order: sampleOrderState({ lines: [sampleLineState({ orderedQuantity: 2, cancelledQuantity: 2 })] }) });
    expect(applyWarehouseFact(cancelled, sampleWarehouseShipment(), ctx)).toMatchObject({ kind: 'EXCEPTION', reason: 'OVER_SHIPMENT' });
  });

  it('the same package re-reported after it shipped is not an over-shipment', () => {
    const shippedOnce = applied(applyWarehouseFact(sampleBook(), sampleWarehouseShipment(), ctx));
    const restated = applied(applyWarehouseFact(shippedOnce.book, sampleWarehouseShipment({ factKey: 'evt-restated' }), ctx));
    expect(restated.effects.milestones).toEqual([]);
    expect(restated.effects.history.map((h) => h.outcome)).toEqual(['REPEATED']);
    expect(restated.effects.fulfilmentChanged).toBe(false);
    expect(restated.book.order.lines[0]?.shippedQuantity).toBe(1);
  });

  it('UNKNOWN_ORDER_LINE: a line the order does not have at that location', () => {
    const fact = sampleWarehouseShipment({ lines: [{ lineId: '9', sku: 'X', quantity: 1, shortQuantity: 0, shortReason: null }] });
    expect(applyWarehouseFact(sampleBook(), fact, ctx)).toMatchObject({
      kind: 'EXCEPTION',
      reason: 'UNKNOWN_ORDER_LINE',
      detail: expect.stringContaining('line 9'),
    });
    expect(applyWarehouseFact(sampleBook(), sampleWarehouseShipment({ locationId: 'DC-OTHER' }), ctx)).toMatchObject({ reason: 'UNKNOWN_ORDER_LINE' });
  });

  it('CARRIER_UNMAPPED: a carrier the directory does not know', () => {
    const fact = sampleWarehouseShipment({ packages: [{ ...sampleWarehouseShipment().packages[0]!, carrierCode: 'ACME-FREIGHT' }] });
    expect(applyWarehouseFact(sampleBook(), fact, ctx)).toMatchObject({ kind: 'EXCEPTION', reason: 'CARRIER_UNMAPPED' });
  });

  it('takes the order s carrier for a package with tracking that names none', () => {
    const fact = sampleWarehouseShipment({ packages: [{ ...sampleWarehouseShipment().packages[0]!, carrierCode: null }] });
    expect(applied(applyWarehouseFact(sampleBook(), fact, ctx)).book.packages[0]?.carrierCode).toBe('UPSN');
  });

  it('TRACKING_NUMBER_REUSED within 90 days by another order; beyond that the new use wins', () => {
    const use = { orderId: 'OTHER', packageReference: 'wms-main:OLD', carrierCode: 'UPSN', trackingNumber: '1Z001' };
    const recent = { ...ctx, trackingUses: [{ ...use, usedAt: 1_000 - TRACKING_REUSE_WINDOW_MS + 1 }] };
    expect(applyWarehouseFact(sampleBook(), sampleWarehouseShipment(), recent)).toMatchObject({ kind: 'EXCEPTION', reason: 'TRACKING_NUMBER_REUSED' });
    const old = { ...ctx, trackingUses: [{ ...use, usedAt: 1_000 - TRACKING_REUSE_WINDOW_MS - 1 }] };
    expect(applyWarehouseFact(sampleBook(), sampleWarehouseShipment(), old).kind).toBe('APPLIED');
    const sameOrder = { ...ctx, trackingUses: [{ ...use, orderId: 'SHOPIFY:acme:1001', usedAt: 1_000 }] };
    expect(applyWarehouseFact(sampleBook(), sampleWarehouseShipment(), sameOrder).kind).toBe('APPLIED');
  });

  it('cannot read a stage added after this reader', () => {
    expect(applyWarehouseFact(sampleBook(), sampleWarehouseShipment({ stage: 'UNKNOWN' }), ctx).kind).toBe('UNREADABLE');
  });
});
