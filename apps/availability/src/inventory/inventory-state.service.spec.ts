import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadChannelRules } from '@crossdock/availability/domain';
import { sampleInventoryPosition, sampleItemMaster } from '@crossdock/testing';
import type { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { InventoryStateService } from './inventory-state.service';

const RULES = loadChannelRules(readFileSync(join(__dirname, '../../../../libs/availability/domain/reference-data/channel-rules.yaml'), 'utf8'));
const state = () => new InventoryStateService({ rules: () => RULES } as unknown as ChannelRulesService);

describe('InventoryStateService', () => {
  describe('readiness', () => {
    it('is not rebuilt, and keeps the live handlers waiting, until the rebuild completes', async () => {
      const inventory = state();
      let released = false;
      const waiting = inventory.whenRebuilt().then(() => (released = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(inventory.isRebuilt()).toBe(false);
      expect(released).toBe(false);
      inventory.completeRebuild();
      expect(inventory.isRebuilt()).toBe(true);
      await waiting;
    });

    it('tells its listener of changed inputs only once rebuilt: the rebuild itself publishes nothing half-read', () => {
      const inventory = state();
      const told: Array<[string, readonly string[] | undefined]> = [];
      inventory.onInputsChanged((sku, locations) => told.push([sku, locations]));
      inventory.inputsChanged('A', ['DC-RENO']);
      inventory.completeRebuild();
      inventory.inputsChanged('B', ['DC-RENO']);
      inventory.inputsChanged('C');
      expect(told).toEqual([
        ['B', ['DC-RENO']],
        ['C', undefined],
      ]);
    });
  });

  describe('item master table', () => {
    it('keeps the newest version per SKU and ignores late ones', () => {
      const inventory = state();
      expect(inventory.applyItem(sampleItemMaster({ sku: 'A', safetyStock: 5, version: 2 }))).toBe(true);
      expect(inventory.applyItem(sampleItemMaster({ sku: 'A', safetyStock: 99, version: 1 }))).toBe(false);
      expect(inventory.applyItem(sampleItemMaster({ sku: 'A', safetyStock: 99, version: 2 }))).toBe(false);
      expect(inventory.item('A')).toEqual({ safetyStock: 5, discontinued: false });
    });

    it('clamps a negative safety stock, which would otherwise add stock', () => {
      const inventory = state();
      inventory.applyItem(sampleItemMaster({ sku: 'A', safetyStock: -3 }));
      expect(inventory.item('A')?.safetyStock).toBe(0);
    });

    it('forgets a deleted item but keeps its version, so a late record cannot resurrect it', () => {
      const inventory = state();
      inventory.applyItem(sampleItemMaster({ sku: 'A', version: 3 }));
      expect(inventory.items.remove('A')).toBe(true);
      expect(inventory.item('A')).toBeUndefined();
      expect(inventory.applyItem(sampleItemMaster({ sku: 'A', version: 2 }))).toBe(false);
      expect(inventory.applyItem(sampleItemMaster({ sku: 'A', version: 4 }))).toBe(true);
    });
  });

  it('reads both position tables from the one cache, merged per location', () => {
    const inventory = state();
    inventory.erpPositions.apply('A@DC-RENO', sampleInventoryPosition({ sku: 'A', locationId: 'DC-RENO', onHand: 10, allocated: 1, version: 1 }), 1);
    inventory.wmsPositions.apply('A@DC-RENO', sampleInventoryPosition({ sku: 'A', locationId: 'DC-RENO', onHand: 8, allocated: 3, version: 1 }), 1);
    expect(inventory.stockAt('A', 'DC-RENO')).toMatchObject({ onHand: 10, allocated: 3, sources: ['ERP', 'WMS'] });
  });

  describe('consumed units', () => {
    const line = { orderId: 'O-1', lineId: '1', sku: 'A', locationId: 'DC-RENO', channelAccountId: 'shop', consumedQuantity: 3, shippedQuantity: 3 };

    it('hands the lines an ERP position settles to the listener, once, and keeps the others', () => {
      const inventory = state();
      const settled: string[][] = [];
      inventory.onConsumedSettled((lines) => settled.push(lines.map((l) => l.orderId)));
      inventory.consumed.put({ ...line, postings: [{ quantity: 3, postedAt: 1_000 }] });
      inventory.consumed.put({ ...line, orderId: 'O-2', postings: [] });
      inventory.settleConsumed('A', 'DC-RENO');
      expect(settled).toEqual([]);

      inventory.erpPositions.apply('A@DC-RENO', sampleInventoryPosition({ sku: 'A', locationId: 'DC-RENO', onHand: 7, asOf: 1_000, version: 1 }), 1);
      inventory.settleConsumed('A', 'DC-RENO');
      inventory.settleConsumed('A', 'DC-RENO');
      expect(settled).toEqual([['O-1']]);
      expect(inventory.consumed.size()).toBe(1);
    });

    it('counts for a decision the consumed lines its transaction read, as far as the ERP position in hand does not reflect them', () => {
      const inventory = state();
      inventory.erpPositions.apply('A@DC-RENO', sampleInventoryPosition({ sku: 'A', locationId: 'DC-RENO', onHand: 7, asOf: 2_000, version: 1 }), 1);
      const open = { total: 2, byChannel: new Map([['shop', 2]]) };
      const reflected = { ...line, postings: [{ quantity: 3, postedAt: 1_000 }] };
      const awaiting = { ...line, orderId: 'O-2', channelAccountId: 'amazon', postings: [] };
      expect(inventory.committedFrom(open, [reflected, awaiting], 'A', 'DC-RENO')).toEqual({
        total: 5,
        byChannel: new Map([
          ['shop', 2],
          ['amazon', 3],
        ]),
      });
      // Nothing held in memory changes: the decision's lines are its own.
      expect(inventory.consumed.size()).toBe(0);
    });
  });
});
