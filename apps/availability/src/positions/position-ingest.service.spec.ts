import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InventoryPosition, ItemMaster } from '@crossdock/contracts';
import { PoisonMessageError, type InboundBatchItem, type InboundMessageMeta } from '@crossdock/messaging';
import { loadChannelRules } from '@crossdock/availability/domain';
import { sampleInventoryPosition, sampleItemMaster } from '@crossdock/testing';
import type { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { PositionIngestService } from './position-ingest.service';

const RULES = loadChannelRules(readFileSync(join(__dirname, '../../../../libs/availability/domain/reference-data/channel-rules.yaml'), 'utf8'));

function setup() {
  const state = new InventoryStateService({ rules: () => RULES } as unknown as ChannelRulesService);
  state.completeRebuild();
  const refreshed: Array<{ sku: string; locations: readonly string[] | undefined; ranIn: string | undefined }> = [];
  let runningIn: string | undefined;
  state.onInputsChanged((sku, locations) => refreshed.push({ sku, locations: locations && [...locations].sort(), ranIn: runningIn }));
  const item = <T>(value: T, key: string | null = null, offset = 0): InboundBatchItem<T> => ({
    value,
    meta: { key, offset: String(offset) } as InboundMessageMeta,
    run: async (fn) => {
      runningIn = String(offset);
      try {
        return await fn();
      } finally {
        runningIn = undefined;
      }
    },
  });
  return { state, refreshed, item, ingest: new PositionIngestService(state) };
}

const erp = (overrides: Partial<InventoryPosition>) => sampleInventoryPosition({ sourceSystem: 'erp', ...overrides });

describe('PositionIngestService (a partition batch at a time)', () => {
  it('applies a batch in offset order and recomputes each changed SKU once, after its last change', async () => {
    const { state, refreshed, item, ingest } = setup();
    await ingest.applyPositions('ERP', [
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 5, version: 1 }), null, 1),
      item(erp({ sku: 'B', locationId: 'DC-RENO', onHand: 7, version: 1 }), null, 2),
      item(erp({ sku: 'A', locationId: 'DC-ATLANTA', onHand: 9, version: 1 }), null, 3),
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 6, version: 2 }), null, 4),
    ]);
    expect(state.positions.get('ERP', 'A', 'DC-RENO')?.onHand).toBe(6);
    expect(state.positions.get('ERP', 'A', 'DC-ATLANTA')?.onHand).toBe(9);
    expect(refreshed).toEqual([
      { sku: 'A', locations: ['DC-ATLANTA', 'DC-RENO'], ranIn: '4' },
      { sku: 'B', locations: ['DC-RENO'], ranIn: '2' },
    ]);
  });

  it('keeps the highest version of a key whatever order the batch holds them in', async () => {
    const { state, refreshed, item, ingest } = setup();
    await ingest.applyPositions('ERP', [
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 50, version: 10 })),
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 999, version: 9 })),
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 777, version: 10 })),
    ]);
    expect(state.positions.get('ERP', 'A', 'DC-RENO')).toMatchObject({ onHand: 50, version: 10 });
    expect(refreshed).toHaveLength(1);
  });

  it('refuses the whole batch with the domain code before touching the cache when one position is invalid', async () => {
    const { state, refreshed, item, ingest } = setup();
    const batch = [
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 5, version: 1 })),
      item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 5, allocated: -1, version: 2 })),
    ];
    const failure = ingest.applyPositions('ERP', batch);
    await expect(failure).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(failure).rejects.toMatchObject({ code: 'NEGATIVE_QUANTITY' });
    expect(state.positions.get('ERP', 'A', 'DC-RENO')).toBeUndefined();
    expect(refreshed).toEqual([]);
    // The transport then replays the halves: the valid one applies, the invalid one fails alone.
    await ingest.applyPositions('ERP', [batch[0] as InboundBatchItem<InventoryPosition>]);
    await expect(ingest.applyPositions('ERP', [batch[1] as InboundBatchItem<InventoryPosition>])).rejects.toMatchObject({ code: 'NEGATIVE_QUANTITY' });
    expect(state.positions.get('ERP', 'A', 'DC-RENO')).toMatchObject({ onHand: 5, allocated: 0, version: 1 });
  });

  it('applies nothing twice: a replayed batch is recognised by version and republishes nothing', async () => {
    const { state, refreshed, item, ingest } = setup();
    const batch = [item(erp({ sku: 'A', locationId: 'DC-RENO', onHand: 5, version: 1 })), item(erp({ sku: 'B', locationId: 'DC-RENO', version: 1 }))];
    await ingest.applyPositions('ERP', batch);
    await ingest.applyPositions('ERP', batch);
    expect(refreshed.map((r) => r.sku)).toEqual(['A', 'B']);
    expect(state.positions.stats()).toMatchObject({ skuLocations: 2, erpPositions: 2 });
  });

  it('removes a position on a tombstone and refuses a tombstone whose key names no SKU-location', async () => {
    const { state, refreshed, item, ingest } = setup();
    await ingest.applyPositions('WMS', [item(erp({ sku: 'A', locationId: 'DC-RENO', version: 1 }))]);
    await expect(
      ingest.applyPositions('WMS', [item<InventoryPosition | null>(null, 'A@DC-RENO'), item<InventoryPosition | null>(null, null)]),
    ).rejects.toMatchObject({
      code: 'INVALID_TOMBSTONE_KEY',
    });
    expect(state.positions.get('WMS', 'A', 'DC-RENO')).toBeDefined();
    await ingest.applyPositions('WMS', [item<InventoryPosition | null>(null, 'A@DC-RENO'), item<InventoryPosition | null>(null, 'NEVER@DC-RENO')]);
    expect(state.positions.get('WMS', 'A', 'DC-RENO')).toBeUndefined();
    expect(refreshed.map((r) => r.sku)).toEqual(['A', 'A']);
  });

  it('recomputes a SKU for every channel account when its item master changes', async () => {
    const { state, refreshed, item, ingest } = setup();
    const items: InboundBatchItem<ItemMaster>[] = [
      item(sampleItemMaster({ sku: 'A', safetyStock: 3, version: 2 })),
      item(sampleItemMaster({ sku: 'A', safetyStock: 9, version: 1 })),
    ];
    await ingest.applyItems(items);
    expect(state.item('A')).toEqual({ safetyStock: 3, discontinued: false });
    expect(refreshed).toEqual([{ sku: 'A', locations: undefined, ranIn: '0' }]);
  });

  it('forgets an item on an item-master tombstone and recomputes its SKU; refuses a tombstone without a key', async () => {
    const { state, refreshed, item, ingest } = setup();
    await ingest.applyItems([item<ItemMaster | null>(sampleItemMaster({ sku: 'A', safetyStock: 3, version: 1 }))]);
    await expect(ingest.applyItems([item<ItemMaster | null>(null, null)])).rejects.toMatchObject({ code: 'INVALID_TOMBSTONE_KEY' });
    expect(state.item('A')).toBeDefined();
    await ingest.applyItems([item<ItemMaster | null>(null, 'A', 7), item<ItemMaster | null>(null, 'NEVER-KNOWN', 8)]);
    expect(state.item('A')).toBeUndefined();
    expect(refreshed.map((r) => [r.sku, r.ranIn])).toEqual([
      ['A', '0'],
      ['A', '7'],
    ]);
  });
});
