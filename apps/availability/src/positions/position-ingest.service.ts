import { Injectable } from '@nestjs/common';
import { messageKey, parseMessageKey, Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { PoisonMessageError, type InboundBatchItem } from '@crossdock/messaging';
import { validatePosition, type PositionSource } from '@crossdock/availability/domain';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';

type PositionChange =
  | { readonly kind: 'upsert'; readonly key: string; readonly position: InventoryPosition; readonly item: InboundBatchItem<InventoryPosition | null> }
  | {
      readonly kind: 'remove';
      readonly key: string;
      readonly sku: string;
      readonly locationId: string;
      readonly item: InboundBatchItem<InventoryPosition | null>;
    };

/** The SKUs a batch changed, with the locations touched and the message whose context publishes them. */
type Touched = Map<string, { locations: Set<string> | undefined; item: InboundBatchItem<unknown> }>;

/**
 * Applies live ERP/WMS positions and item master records to their tables (InventoryStateService)
 * and has the figures they change recomputed, a partition's batch at a time. The instance's own
 * table reader (CacheRebuildService) applies the same records from every partition; whichever
 * comes first applies a record, the other finds its version held. This path, in the service's
 * group, is the one that refuses bad records: each is dead-lettered once, not once per instance.
 *
 * All or nothing: the whole batch is checked before the cache is touched, and a position the
 * domain refuses (negative allocation, unknown location...) or a tombstone without a usable key
 * fails the batch with the domain's stable code; the transport then replays it in halves down to
 * the culprit, which alone is dead-lettered. A replayed record is recognised by its version and
 * ignored, so nothing is applied twice. A SKU changed several times in a batch is recomputed
 * once, after its last change, inside that message's trace.
 */
@Injectable()
export class PositionIngestService {
  constructor(private readonly state: InventoryStateService) {}

  async applyPositions(source: PositionSource, items: readonly InboundBatchItem<InventoryPosition | null>[]): Promise<void> {
    await this.state.whenRebuilt();
    const changes = items.map((item) => this.checked(source, item));
    const table = this.state.positionTable(source);
    const heldBefore = this.state.positions.count(source);
    const touched: Touched = new Map();
    for (const change of changes) {
      if (change.kind === 'remove') {
        if (table.remove(change.key)) touch(touched, change.sku, change.locationId, change.item);
        continue;
      }
      // checked() refused the batch for an invalid position, so not applied means late or redelivered.
      if (table.apply(change.key, change.position, change.position.version)) {
        touch(touched, change.position.sku, change.position.locationId, change.item);
        // An ERP position as of a goods issue makes its consumed units part of the on-hand drop.
        if (source === 'ERP') this.state.settleConsumed(change.position.sku, change.position.locationId);
      } else availabilityMetrics.positionsIgnored.inc({ source });
    }
    // Most batches update positions already held: the size gauges move only when the count does.
    if (this.state.positions.count(source) !== heldBefore) {
      const stats = this.state.positions.stats();
      availabilityMetrics.cacheSkuLocations.set(stats.skuLocations);
      availabilityMetrics.cachePositions.set({ source }, source === 'ERP' ? stats.erpPositions : stats.wmsPositions);
    }
    await this.recompute(touched);
  }

  async applyItems(items: readonly InboundBatchItem<ItemMaster | null>[]): Promise<void> {
    await this.state.whenRebuilt();
    // Checked first, like positions: a tombstone without a key fails the batch before any change.
    const changes = items.map((item) => ({ item, sku: item.value?.sku ?? itemTombstoneKey(item) }));
    const touched: Touched = new Map();
    for (const { item, sku } of changes) {
      const changed = item.value ? this.state.applyItem(item.value) : this.state.items.remove(sku);
      if (changed) touch(touched, sku, undefined, item);
    }
    await this.recompute(touched);
  }

  private checked(source: PositionSource, item: InboundBatchItem<InventoryPosition | null>): PositionChange {
    const contract = source === 'ERP' ? Topics.erpInventoryPositions : Topics.wmsInventoryPositions;
    const position = item.value;
    if (position) {
      const rejection = validatePosition(position, (locationId) => this.state.isKnownLocation(locationId));
      if (rejection) throw new PoisonMessageError(rejection.code, `${rejection.field}: ${rejection.message}`);
      // A compacted topic always has the key; spelled from the value only for a record without one.
      return { kind: 'upsert', key: item.meta.key ?? messageKey(contract, position), position, item };
    }
    // A tombstone: the connector no longer reports this SKU-location, so its stock stops counting.
    try {
      if (item.meta.key === null) throw new Error('a tombstone without a key deletes nothing');
      return { kind: 'remove', key: item.meta.key, ...parseMessageKey(contract, item.meta.key), item };
    } catch (error) {
      throw new PoisonMessageError('INVALID_TOMBSTONE_KEY', error instanceof Error ? error.message : String(error));
    }
  }

  // Inside the last changing message's context, so the publish span links to its trace.
  private async recompute(touched: Touched): Promise<void> {
    for (const [sku, { locations, item }] of touched) {
      await item.run(async () => this.state.inputsChanged(sku, locations && [...locations]));
    }
  }
}

function itemTombstoneKey(item: InboundBatchItem<ItemMaster | null>): string {
  try {
    if (item.meta.key === null) throw new Error('a tombstone without a key deletes nothing');
    return parseMessageKey(Topics.itemMaster, item.meta.key).sku;
  } catch (error) {
    throw new PoisonMessageError('INVALID_TOMBSTONE_KEY', error instanceof Error ? error.message : String(error));
  }
}

function touch(touched: Touched, sku: string, locationId: string | undefined, item: InboundBatchItem<unknown>): void {
  const held = touched.get(sku);
  if (!held) {
    touched.set(sku, { locations: locationId === undefined ? undefined : new Set([locationId]), item });
    return;
  }
  held.item = item;
  // undefined means every channel account (an item master change), which covers any location.
  if (locationId === undefined) held.locations = undefined;
  else held.locations?.add(locationId);
}
