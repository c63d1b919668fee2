import { erpItemMapper, erpStockMapper, parseLocationMap, type ErpStockRecord } from '@crossdock/connectors/domain';
import { ErpWarehouses, SIMULATED_ERP_WAREHOUSE_MAP, SimulatedErpSource } from './simulated-erp.source';

const NOW = Date.parse('2026-11-27T12:00:00.000Z');
const clock = () => NOW;
const itemMapper = erpItemMapper({ sourceSystem: 'erp-sim' });
const stockMapper = erpStockMapper({ sourceSystem: 'erp-sim', locations: parseLocationMap(SIMULATED_ERP_WAREHOUSE_MAP).map });

describe('SimulatedErpSource', () => {
  it('is deterministic for a seed: same catalog, stock and activity', () => {
    const a = new SimulatedErpSource({ seed: 7, clock });
    const b = new SimulatedErpSource({ seed: 7, clock });
    expect(a.tick(25)).toEqual(b.tick(25));
    expect(a.stock.changes()).toEqual(b.stock.changes());
    expect(a.items.changes()).toEqual(b.items.changes());
    expect(new SimulatedErpSource({ seed: 8, clock }).stock.changes()).not.toEqual(a.stock.changes());
  });

  it('seeds a few hundred items with stock at two warehouses and a 3PL, all of it publishable', () => {
    const erp = new SimulatedErpSource({ clock });
    expect(erp.skus()).toHaveLength(300);
    expect(erp.skus()).toEqual(expect.arrayContaining(['TENT-ULTRA-2P', 'STOVE-CAMP-2B']));
    const warehouses = new Set(erp.stock.snapshot(null, 1000).records.map((r) => (r as { warehouseCode: string }).warehouseCode));
    expect([...warehouses].sort()).toEqual(['01', '02', '90']);
    const outcomes = [...erp.items.snapshot(null, 1000).records.map(itemMapper), ...erp.stock.snapshot(null, 1000).records.map(stockMapper)];
    expect(outcomes.filter((o) => o.kind === 'rejected')).toEqual([]);
  });

  it('moves stock: a receipt closes its PO, an adjustment and a commitment change the row, each a new version', () => {
    const erp = new SimulatedErpSource({ itemCount: 5, clock });
    const before = erp.stockRow('TENT-ULTRA-2P', ErpWarehouses.reno) as ErpStockRecord;
    erp.orderSupply('TENT-ULTRA-2P', ErpWarehouses.reno, 48, 10);
    const po = erp.stockRow('TENT-ULTRA-2P', ErpWarehouses.reno)?.openSupply.at(-1);
    const received = erp.receive('TENT-ULTRA-2P', ErpWarehouses.reno, 48, po?.docNumber);
    expect(received.onHandQty).toBe(before.onHandQty + 48);
    expect(received.openSupply.find((l) => l.docNumber === po?.docNumber)).toBeUndefined();
    const adjusted = erp.adjust('TENT-ULTRA-2P', ErpWarehouses.reno, -3);
    expect(adjusted.onHandQty).toBe(received.onHandQty - 3);
    expect(adjusted.rowVersion).toBeGreaterThan(received.rowVersion);
    expect(erp.setCommitted('TENT-ULTRA-2P', ErpWarehouses.reno, 9).committedQty).toBe(9);
  });

  it('deletes an item together with its stock rows, stock first', () => {
    const erp = new SimulatedErpSource({ itemCount: 5, clock });
    const head = erp.headSeq();
    erp.deleteItem('TENT-ULTRA-2P');
    const stockDeletes = erp.stock.changesSince(erp.feedToken(head), 100).changes;
    expect(stockDeletes.map((c) => [c.op, c['warehouseCode']])).toEqual([
      ['DELETE', '01'],
      ['DELETE', '02'],
      ['DELETE', '90'],
    ]);
    expect(erp.items.changesSince(erp.feedToken(head), 100).changes).toEqual([{ seq: head + 4, op: 'DELETE', itemNumber: 'TENT-ULTRA-2P', record: null }]);
    expect(erp.item('TENT-ULTRA-2P')).toBeUndefined();
  });

  it('injects the bad records the connector must refuse, each with the expected reason', () => {
    const erp = new SimulatedErpSource({ itemCount: 5, clock });
    expect(itemMapper(erp.injectBadRecord('MISSING_SKU'))).toMatchObject({ kind: 'rejected', rejection: { reason: 'MISSING_SKU' } });
    expect(stockMapper(erp.injectBadRecord('NEGATIVE_ON_HAND', 'STOVE-CAMP-2B'))).toMatchObject({
      kind: 'rejected',
      sourceKey: 'STOVE-CAMP-2B@01',
      rejection: { reason: 'NEGATIVE_ON_HAND' },
    });
    expect(stockMapper(erp.injectBadRecord('UNKNOWN_WAREHOUSE'))).toMatchObject({ kind: 'rejected', rejection: { reason: 'UNKNOWN_WAREHOUSE' } });
    expect(() => erp.injectBadRecord('SOMETHING' as 'MISSING_SKU')).toThrow(/unknown bad record kind/);
  });

  it('refuses controls on things that do not exist', () => {
    const erp = new SimulatedErpSource({ itemCount: 2, clock });
    expect(() => erp.receive('NOPE', '01', 1)).toThrow(/no stock row/);
    expect(() => erp.setOnHand('NOPE', '01', 1)).toThrow(/no item/);
    expect(() => erp.addItem({ itemNumber: 'TENT-ULTRA-2P' })).toThrow(/exists/);
  });
});
