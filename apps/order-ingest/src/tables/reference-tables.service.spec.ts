import { messageKey, Topics } from '@crossdock/contracts';
import { sampleChannelAvailability, sampleItemMaster } from '@crossdock/testing';
import { ReferenceTablesService } from './reference-tables.service';

describe('ReferenceTablesService', () => {
  describe('item master', () => {
    it('finds an item by SKU and GTIN at its newest version, ignoring late records', () => {
      const tables = new ReferenceTablesService();
      expect(tables.applyItem(sampleItemMaster({ sku: 'A', gtins: ['0001'], version: 2 }))).toBe(true);
      expect(tables.applyItem(sampleItemMaster({ sku: 'A', gtins: ['0009'], version: 1 }))).toBe(false);
      expect(tables.byGtin('0009')).toBeUndefined();
      expect(tables.applyItem(sampleItemMaster({ sku: 'A', gtins: ['0002'], version: 3 }))).toBe(true);
      expect(tables.bySku('A')?.version).toBe(3);
      expect(tables.byGtin('0001')).toBeUndefined();
      expect(tables.byGtin('0002')?.sku).toBe('A');
    });

    it('forgets a deleted item and its GTINs, and knows it again with its next record, whatever its version', () => {
      const tables = new ReferenceTablesService();
      tables.applyItem(sampleItemMaster({ sku: 'A', gtins: ['0001'], version: 2 }));
      expect(tables.removeItem('A')).toBe(true);
      expect(tables.removeItem('A')).toBe(false);
      expect(tables.bySku('A')).toBeUndefined();
      expect(tables.byGtin('0001')).toBeUndefined();
      expect(tables.sizes()).toEqual({ items: 0, availability: 0 });
      expect(tables.applyItem(sampleItemMaster({ sku: 'A', gtins: ['0001'], version: 1 }))).toBe(true);
      expect(tables.byGtin('0001')?.sku).toBe('A');
    });
  });

  describe('channel availability', () => {
    it('deletes on the tombstone of the record key, whatever characters the SKU holds', () => {
      const tables = new ReferenceTablesService();
      const record = sampleChannelAvailability('KIT@2%', 'acme-outdoor', { 'DC-RENO': 4 }, { version: 5 });
      tables.applyAvailability(record);
      expect(tables.forSku('KIT@2%', 'acme-outdoor')?.sellableQuantity).toBe(4);
      expect(tables.removeAvailability(messageKey(Topics.channelAvailability, record))).toBe(true);
      expect(tables.forSku('KIT@2%', 'acme-outdoor')).toBeUndefined();
    });

    it('keeps the newest figure per SKU and channel account', () => {
      const tables = new ReferenceTablesService();
      tables.applyAvailability(sampleChannelAvailability('A', 'acme-outdoor', { 'DC-RENO': 4 }, { version: 5 }));
      expect(tables.applyAvailability(sampleChannelAvailability('A', 'acme-outdoor', { 'DC-RENO': 9 }, { version: 4 }))).toBe(false);
      expect(tables.applyAvailability(sampleChannelAvailability('A', 'amazon-us', { 'DC-RENO': 1 }, { version: 1 }))).toBe(true);
      expect(tables.forSku('A', 'acme-outdoor')?.sellableQuantity).toBe(4);
      expect(tables.sizes()).toEqual({ items: 0, availability: 2 });
    });
  });

  it('keeps orders waiting until both tables are rebuilt', async () => {
    const tables = new ReferenceTablesService();
    let released = false;
    const waiting = tables.whenRebuilt().then(() => (released = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(tables.isRebuilt()).toBe(false);
    expect(released).toBe(false);
    tables.completeRebuild();
    expect(tables.isRebuilt()).toBe(true);
    await waiting;
    expect(released).toBe(true);
  });
});
