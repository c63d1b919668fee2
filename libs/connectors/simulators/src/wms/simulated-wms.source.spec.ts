import { parseLocationMap, wmsInventoryMapper } from '@crossdock/connectors/domain';
import { ErpWarehouses, SimulatedErpSource } from '../erp/simulated-erp.source';
import { SIMULATED_WMS_FACILITY_MAP, SimulatedWmsSource, WmsFacilities } from './simulated-wms.source';

const clock = () => Date.parse('2026-11-27T12:00:00.000Z');
const mapper = wmsInventoryMapper({ sourceSystem: 'wms-sim', locations: parseLocationMap(SIMULATED_WMS_FACILITY_MAP).map });

describe('SimulatedWmsSource', () => {
  it('is deterministic for a seed and stocks the same SKUs as the ERP simulator', () => {
    const a = new SimulatedWmsSource({ seed: 3, clock });
    const b = new SimulatedWmsSource({ seed: 3, clock });
    expect(a.tick(30)).toEqual(b.tick(30));
    expect(a.inventory.changes()).toEqual(b.inventory.changes());
    const erpSkus = new Set(new SimulatedErpSource({ seed: 3, clock }).skus());
    expect(a.positions().every((p) => erpSkus.has(p.sku))).toBe(true);
    expect(
      a.inventory
        .snapshot(null, 1000)
        .records.map(mapper)
        .filter((o) => o.kind === 'rejected'),
    ).toEqual([]);
  });

  it('keeps at each facility exactly the items the ERP stocks at the warehouse it mirrors (one assortment)', () => {
    const wms = new SimulatedWmsSource({ seed: 42, clock });
    const erp = new SimulatedErpSource({ seed: 42, clock });
    for (const [facility, warehouse] of [
      [WmsFacilities.reno, ErpWarehouses.reno],
      [WmsFacilities.atlanta, ErpWarehouses.atlanta],
      [WmsFacilities.dallas3pl, ErpWarehouses.dallas3pl],
    ] as const) {
      const kept = erp.skus().filter((sku) => wms.position(sku, facility) !== undefined);
      const stocked = erp.skus().filter((sku) => erp.stockRow(sku, warehouse) !== undefined);
      expect(kept).toEqual(stocked);
      expect(kept.length).toBeGreaterThan(0);
      expect(kept.length).toBeLessThan(erp.skus().length);
    }
  });

  it('tracks allocations, shipments, holds and ASNs', () => {
    const wms = new SimulatedWmsSource({ itemCount: 3, clock });
    wms.setPosition('TENT-ULTRA-2P', WmsFacilities.reno, { physicalQty: 50, allocatedQty: 0, holds: [], inboundAsns: [] });
    wms.allocate('TENT-ULTRA-2P', WmsFacilities.reno, 8);
    expect(wms.ship('TENT-ULTRA-2P', WmsFacilities.reno, 5)).toMatchObject({ physicalQty: 45, allocatedQty: 3 });
    wms.hold('TENT-ULTRA-2P', WmsFacilities.reno, 2, 'DAMAGE');
    expect(wms.hold('TENT-ULTRA-2P', WmsFacilities.reno, 1, 'DAMAGE').holds).toEqual([{ reason: 'DAMAGE', qty: 3 }]);
    const asn = wms.expectAsn('TENT-ULTRA-2P', WmsFacilities.reno, 24, 12);
    expect(wms.receiveAsn('TENT-ULTRA-2P', WmsFacilities.reno, asn)).toMatchObject({ physicalQty: 69, inboundAsns: [] });
    expect(wms.releaseHold('TENT-ULTRA-2P', WmsFacilities.reno).holds).toEqual([]);
  });

  it('removes a position as a DELETE change and injects refusable records', () => {
    const wms = new SimulatedWmsSource({ itemCount: 3, clock });
    const head = wms.headSeq();
    wms.remove('STOVE-CAMP-2B', WmsFacilities.atlanta);
    expect(wms.inventory.changesSince(wms.feedToken(head), 10).changes).toEqual([
      { seq: head + 1, op: 'DELETE', sku: 'STOVE-CAMP-2B', facilityId: 'ATL1', record: null },
    ]);
    expect(mapper(wms.injectBadRecord('MISSING_SKU'))).toMatchObject({ kind: 'rejected', rejection: { reason: 'MISSING_SKU' } });
    expect(mapper(wms.injectBadRecord('NEGATIVE_ON_HAND'))).toMatchObject({ kind: 'rejected', rejection: { reason: 'NEGATIVE_ON_HAND' } });
    expect(mapper(wms.injectBadRecord('UNKNOWN_WAREHOUSE'))).toMatchObject({ kind: 'rejected', rejection: { reason: 'UNKNOWN_WAREHOUSE' } });
  });
});
