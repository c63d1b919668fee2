import { computeSellableQuantity } from '../sellable/sellable-quantity.calculator';
import type { LocationStock, OpenReservationsView } from '../sellable/stock.types';
import { HOUR, NOW, reservationsView, stock, testRules } from '../test-support/availability.fixtures';
import { CommittedUnitsView, ConsumedUnits, type ConsumedLine } from './consumed-units.index';

const T = NOW;

function consumed(overrides: Partial<ConsumedLine> = {}): ConsumedLine {
  return {
    orderId: 'ORD-1',
    lineId: '1',
    sku: 'SKU-1',
    locationId: 'DC-RENO',
    channelAccountId: 'shop',
    consumedQuantity: 3,
    shippedQuantity: 3,
    postings: [],
    ...overrides,
  };
}

function sellable(erp: LocationStock, open: OpenReservationsView, units: ConsumedUnits): number {
  const reservations = new CommittedUnitsView(open, units, () => erp.asOf);
  const result = computeSellableQuantity({ sku: 'SKU-1', channelAccountId: 'shop', rules: testRules(), stock: [erp], reservations, item: undefined, now: NOW });
  if (result.kind !== 'SELLABLE') throw new Error(result.kind);
  return result.sellableQuantity;
}

describe('ConsumedUnits', () => {
  it('sums the units awaiting the ERP at a SKU-location, per channel account', () => {
    const units = new ConsumedUnits();
    units.put(consumed());
    units.put(consumed({ orderId: 'ORD-2', channelAccountId: 'amazon', consumedQuantity: 2, shippedQuantity: 2 }));
    units.put(consumed({ orderId: 'ORD-3', locationId: 'DC-ATLANTA' }));
    expect(units.awaitingAt('SKU-1', 'DC-RENO', T)).toEqual({
      total: 5,
      byChannel: new Map([
        ['shop', 3],
        ['amazon', 2],
      ]),
    });
    expect(units.awaitingAt('SKU-2', 'DC-RENO', T)).toBeUndefined();
    expect(units.size()).toBe(3);
  });

  it('replaces a line with its latest facts instead of adding them', () => {
    const units = new ConsumedUnits();
    units.put(consumed({ consumedQuantity: 1, shippedQuantity: 1 }));
    units.put(consumed({ consumedQuantity: 3, shippedQuantity: 3 }));
    expect(units.awaitingAt('SKU-1', 'DC-RENO', T)?.total).toBe(3);
    expect(units.size()).toBe(1);
  });

  it('replaces everything held at one SKU-location with what is given, leaving other locations alone', () => {
    const units = new ConsumedUnits();
    units.put(consumed());
    units.put(consumed({ orderId: 'ORD-2' }));
    units.put(consumed({ orderId: 'ORD-3', locationId: 'DC-ATLANTA' }));
    units.replaceAt('SKU-1', 'DC-RENO', [consumed({ orderId: 'ORD-4', consumedQuantity: 1, shippedQuantity: 1 })]);
    expect(units.awaitingAt('SKU-1', 'DC-RENO', undefined)?.total).toBe(1);
    expect(units.awaitingAt('SKU-1', 'DC-ATLANTA', undefined)?.total).toBe(3);
    expect(units.size()).toBe(2);
    units.replaceAt('SKU-1', 'DC-RENO', []);
    expect(units.holds('SKU-1', 'DC-RENO')).toBe(false);
    expect(units.size()).toBe(1);
  });

  it('forgets only the lines the ERP fully reflects', () => {
    const units = new ConsumedUnits();
    units.put(consumed({ postings: [{ quantity: 3, postedAt: T }] }));
    units.put(consumed({ orderId: 'ORD-2', postings: [{ quantity: 3, postedAt: T + HOUR }] }));
    expect(units.forgetSettled('SKU-1', 'DC-RENO', undefined)).toEqual([]);
    expect(units.forgetSettled('SKU-1', 'DC-RENO', T).map((line) => line.orderId)).toEqual(['ORD-1']);
    expect(units.size()).toBe(1);
    expect(units.skuLocations()).toEqual([{ sku: 'SKU-1', locationId: 'DC-RENO' }]);
    expect(units.forgetSettled('SKU-1', 'DC-RENO', T + HOUR).map((line) => line.orderId)).toEqual(['ORD-2']);
    expect(units.skuLocations()).toEqual([]);
  });
});

describe('sellable across a shipment and the ERP catching up (no gap, no double count)', () => {
  it('stays 7 of 10 from the reservation of 3 through shipping, posting and the ERP lowering its on-hand', () => {
    const units = new ConsumedUnits();
    const before = stock({ onHand: 10, asOf: T - HOUR });
    expect(sellable(before, reservationsView({ 'SKU-1@DC-RENO': { shop: 3 } }), units)).toBe(7);

    // Shipped: the reservation is consumed, the ERP still says 10.
    units.put(consumed());
    const noneOpen = reservationsView();
    expect(sellable(before, noneOpen, units)).toBe(7);

    // The ERP posted the goods issue at T, but the position in hand is older.
    units.put(consumed({ postings: [{ quantity: 3, postedAt: T }] }));
    expect(sellable(before, noneOpen, units)).toBe(7);

    // The position as of T shows the issue: on-hand 7, nothing subtracted for the line any more.
    expect(sellable(stock({ onHand: 7, asOf: T }), noneOpen, units)).toBe(7);
    expect(units.forgetSettled('SKU-1', 'DC-RENO', T)).toHaveLength(1);
    expect(sellable(stock({ onHand: 7, asOf: T }), noneOpen, units)).toBe(7);
  });

  it('counts awaiting units against their channel account like its open reservations (ring-fences)', () => {
    const units = new ConsumedUnits();
    units.put(consumed({ channelAccountId: 'amazon' }));
    const view = new CommittedUnitsView(reservationsView({ 'SKU-1@DC-RENO': { amazon: 1 } }), units, () => undefined);
    expect(view.openAt('SKU-1', 'DC-RENO')).toEqual({ total: 4, byChannel: new Map([['amazon', 4]]) });
  });
});
