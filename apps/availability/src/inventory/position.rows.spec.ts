import { CompactedTable } from '@crossdock/messaging';
import { PositionCache } from '@crossdock/availability/domain';
import { sampleInventoryPosition } from '@crossdock/testing';
import { PositionRows } from './position.rows';

function tables() {
  const cache = new PositionCache({ isKnownLocation: (locationId) => locationId.startsWith('DC-') });
  return { cache, erp: new CompactedTable(new PositionRows(cache, 'ERP')), wms: new CompactedTable(new PositionRows(cache, 'WMS')) };
}

const position = (version: number, onHand = 5) => sampleInventoryPosition({ sku: 'A', locationId: 'DC-RENO', onHand, version });

describe('PositionRows: a position table kept in the PositionCache', () => {
  it('keeps the table rule: newer applies, redelivered and late versions do not', () => {
    const { cache, erp } = tables();
    expect(erp.apply('A@DC-RENO', position(2, 5), 2)).toBe(true);
    expect(erp.apply('A@DC-RENO', position(2, 99), 2)).toBe(false);
    expect(erp.apply('A@DC-RENO', position(1, 98), 1)).toBe(false);
    expect(erp.apply('A@DC-RENO', position(3, 7), 3)).toBe(true);
    expect(cache.get('ERP', 'A', 'DC-RENO')).toMatchObject({ onHand: 7, version: 3 });
  });

  it('removes on a tombstone and keeps the watermark against a late record', () => {
    const { cache, erp } = tables();
    erp.apply('A@DC-RENO', position(3), 3);
    expect(erp.remove('A@DC-RENO')).toBe(true);
    expect(erp.remove('A@DC-RENO')).toBe(false);
    expect(cache.get('ERP', 'A', 'DC-RENO')).toBeUndefined();
    expect(erp.apply('A@DC-RENO', position(2), 2)).toBe(false);
    expect(cache.get('ERP', 'A', 'DC-RENO')).toBeUndefined();
  });

  it('holds nothing under a key that names no SKU-location, and refuses an invalid position', () => {
    const { erp } = tables();
    expect(erp.remove('no-location-here')).toBe(false);
    expect(erp.apply('A@3PL-X', sampleInventoryPosition({ sku: 'A', locationId: '3PL-X', version: 1 }), 1)).toBe(false);
  });

  it('keeps ERP and WMS apart in the one cache', () => {
    const { cache, erp, wms } = tables();
    erp.apply('A@DC-RENO', position(5, 10), 5);
    expect(wms.apply('A@DC-RENO', position(1, 4), 1)).toBe(true);
    expect(wms.remove('A@DC-RENO')).toBe(true);
    expect(cache.get('ERP', 'A', 'DC-RENO')).toMatchObject({ onHand: 10 });
    expect(cache.get('WMS', 'A', 'DC-RENO')).toBeUndefined();
  });
});
