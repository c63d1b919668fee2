import { sampleItemMaster } from '@crossdock/testing';
import { ItemMasterStore } from './item-master.store';

describe('ItemMasterStore', () => {
  it('keeps the newest version per SKU and ignores late ones', () => {
    const store = new ItemMasterStore();
    expect(store.apply(sampleItemMaster({ sku: 'A', safetyStock: 5, version: 2 }))).toBe('APPLIED');
    expect(store.apply(sampleItemMaster({ sku: 'A', safetyStock: 99, version: 1 }))).toBe('IGNORED');
    expect(store.apply(sampleItemMaster({ sku: 'A', safetyStock: 99, version: 2 }))).toBe('IGNORED');
    expect(store.get('A')).toEqual({ safetyStock: 5, discontinued: false });
  });

  it('clamps a negative safety stock, which would otherwise add stock', () => {
    const store = new ItemMasterStore();
    store.apply(sampleItemMaster({ sku: 'A', safetyStock: -3 }));
    expect(store.get('A')?.safetyStock).toBe(0);
  });

  it('forgets a deleted item but keeps its version, so a late record cannot resurrect it', () => {
    const store = new ItemMasterStore();
    store.apply(sampleItemMaster({ sku: 'A', version: 3 }));
    expect(store.remove('A')).toBe(true);
    expect(store.get('A')).toBeUndefined();
    expect(store.apply(sampleItemMaster({ sku: 'A', version: 2 }))).toBe('IGNORED');
    expect(store.apply(sampleItemMaster({ sku: 'A', version: 4 }))).toBe('APPLIED');
  });
});
