import { HOUR, NOW, position, supply } from '../test-support/availability.fixtures';
import { PositionCache } from './position.cache';

const known = new Set(['DC-RENO', 'DC-ATLANTA', '3PL-DALLAS']);
const newCache = (initialCapacity?: number) =>
  new PositionCache({
    isKnownLocation: (id) => known.has(id),
    initialCapacity,
  });

describe('PositionCache', () => {
  it('holds the latest ERP and WMS positions of a SKU-location side by side', () => {
    const cache = newCache();
    expect(cache.apply('ERP', position({ onHand: 100, version: 5 }))).toEqual({
      status: 'APPLIED',
      previousVersion: null,
    });
    expect(
      cache.apply(
        'WMS',
        position({
          onHand: 98,
          allocated: 7,
          version: 2,
          sourceSystem: 'manhattan-dc1',
        }),
      ).status,
    ).toBe('APPLIED');
    expect(cache.get('ERP', 'SKU-1', 'DC-RENO')).toMatchObject({
      onHand: 100,
      version: 5,
      sourceSystem: 'netsuite-prod',
    });
    expect(cache.get('WMS', 'SKU-1', 'DC-RENO')).toMatchObject({
      onHand: 98,
      allocated: 7,
      version: 2,
      sourceSystem: 'manhattan-dc1',
    });
    expect(cache.stockOf('SKU-1')).toEqual([
      expect.objectContaining({
        onHand: 100,
        allocated: 7,
        sources: ['ERP', 'WMS'],
      }),
    ]);
  });

  it('ignores late and redelivered records by version, whatever their asOf', () => {
    const cache = newCache();
    cache.apply('ERP', position({ onHand: 10, version: 5, asOf: NOW - HOUR }));
    expect(cache.apply('ERP', position({ onHand: 99, version: 4, asOf: NOW }))).toEqual({
      status: 'IGNORED',
      reason: 'STALE_VERSION',
      heldVersion: 5,
    });
    expect(cache.apply('ERP', position({ onHand: 99, version: 5, asOf: NOW }))).toEqual({
      status: 'IGNORED',
      reason: 'DUPLICATE_VERSION',
      heldVersion: 5,
    });
    expect(cache.get('ERP', 'SKU-1', 'DC-RENO')?.onHand).toBe(10);
    expect(cache.apply('ERP', position({ onHand: 8, version: 6, asOf: NOW - 2 * HOUR }))).toEqual({
      status: 'APPLIED',
      previousVersion: 5,
    });
    expect(cache.get('ERP', 'SKU-1', 'DC-RENO')?.onHand).toBe(8);
  });

  it('keeps versions per source: an ERP version says nothing about WMS records', () => {
    const cache = newCache();
    cache.apply('ERP', position({ version: 50 }));
    expect(cache.apply('WMS', position({ version: 1 })).status).toBe('APPLIED');
  });

  it('removes a position on a tombstone but does not let an older record resurrect it', () => {
    const cache = newCache();
    cache.apply('ERP', position({ version: 3 }));
    expect(cache.remove('ERP', 'SKU-1', 'DC-RENO')).toBe(true);
    expect(cache.get('ERP', 'SKU-1', 'DC-RENO')).toBeUndefined();
    expect(cache.hasSku('SKU-1')).toBe(false);
    expect(cache.apply('ERP', position({ version: 2 })).status).toBe('IGNORED');
    expect(cache.apply('ERP', position({ version: 4 })).status).toBe('APPLIED');
    expect(cache.remove('WMS', 'SKU-1', 'DC-RENO')).toBe(false);
    expect(cache.remove('ERP', 'SKU-9', 'DC-RENO')).toBe(false);
  });

  it('finds every location of a SKU and nothing of other SKUs', () => {
    const cache = newCache();
    cache.apply('ERP', position({ locationId: 'DC-RENO', onHand: 1 }));
    cache.apply('WMS', position({ locationId: '3PL-DALLAS', onHand: 2 }));
    cache.apply('ERP', position({ sku: 'SKU-2', locationId: 'DC-ATLANTA', onHand: 3 }));
    expect(
      cache
        .positionsOf('SKU-1')
        .map((p) => [p.locationId, p.erp?.onHand, p.wms?.onHand])
        .sort(),
    ).toEqual([
      ['3PL-DALLAS', undefined, 2],
      ['DC-RENO', 1, undefined],
    ]);
    expect(cache.positionsOf('SKU-3')).toEqual([]);
    expect(cache.stats()).toMatchObject({
      skus: 2,
      skuLocations: 3,
      erpPositions: 2,
      wmsPositions: 1,
    });
    expect([cache.count('ERP'), cache.count('WMS')]).toEqual([2, 1]);
  });

  it('keeps inbound supply with its position and drops it when a newer position has none', () => {
    const cache = newCache();
    const inbound = [supply(40, NOW + HOUR)];
    cache.apply('ERP', position({ inbound, version: 1 }));
    expect(cache.get('ERP', 'SKU-1', 'DC-RENO')?.inbound).toEqual(inbound);
    cache.apply('ERP', position({ inbound: [], version: 2 }));
    expect(cache.get('ERP', 'SKU-1', 'DC-RENO')?.inbound).toEqual([]);
  });

  it('grows past its initial capacity without losing or mixing up positions', () => {
    const cache = newCache(16);
    for (let i = 0; i < 5_000; i++) {
      cache.apply(
        'ERP',
        position({
          sku: `SKU-${i % 1_700}`,
          locationId: [...known][i % 3] ?? 'DC-RENO',
          onHand: i,
          version: 1,
        }),
      );
    }
    expect(cache.stats().skuLocations).toBe(5_000);
    expect(cache.stats().capacity).toBeGreaterThanOrEqual(5_000);
    expect(cache.get('ERP', 'SKU-1699', 'DC-ATLANTA')?.onHand).toBe(1699);
    expect(cache.get('ERP', 'SKU-1699', 'DC-RENO')?.onHand).toBe(1699 + 1_700);
    expect(cache.positionsOf('SKU-0')).toHaveLength(3);
  });

  describe('rejects invalid input with a stable code and leaves the cache untouched', () => {
    it.each([
      ['UNKNOWN_LOCATION', 'locationId', { locationId: 'DC-PHOENIX' }],
      ['INVALID_SKU', 'sku', { sku: ' ' }],
      ['INVALID_LOCATION_ID', 'locationId', { locationId: '' }],
      ['NEGATIVE_QUANTITY', 'allocated', { allocated: -1 }],
      ['NEGATIVE_QUANTITY', 'qualityHold', { qualityHold: -2 }],
      ['NON_INTEGER_QUANTITY', 'onHand', { onHand: 1.5 }],
      ['NON_INTEGER_QUANTITY', 'onHand', { onHand: 2 ** 60 }],
      ['NON_NUMERIC_QUANTITY', 'onHand', { onHand: Number.NaN }],
      ['NON_NUMERIC_QUANTITY', 'allocated', { allocated: '3' as unknown as number }],
      ['NEGATIVE_QUANTITY', 'inbound.1.quantity', { inbound: [supply(1, NOW), supply(-5, NOW)] }],
      ['INVALID_AS_OF', 'inbound.0.expectedAt', { inbound: [supply(1, 1.5)] }],
      ['INVALID_VERSION', 'version', { version: -1 }],
      ['INVALID_AS_OF', 'asOf', { asOf: 0 }],
    ] as const)('%s (%s)', (code, field, overrides) => {
      const cache = newCache();
      const outcome = cache.apply('WMS', position(overrides));
      expect(outcome).toEqual({
        status: 'REJECTED',
        rejection: expect.objectContaining({ code, field }),
      });
      expect(cache.stats()).toMatchObject({
        skus: 0,
        skuLocations: 0,
        wmsPositions: 0,
      });
    });

    it('accepts a negative on-hand, which the contract allows and the calculator clamps', () => {
      expect(newCache().apply('ERP', position({ onHand: -3 })).status).toBe('APPLIED');
    });
  });
});
