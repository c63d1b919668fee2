import { parseMessageKey, Topics, type InventoryPosition } from '@crossdock/contracts';
import type { TableRows } from '@crossdock/messaging';
import type { PositionCache, PositionSource } from '@crossdock/availability/domain';

/**
 * The rows of one position topic's CompactedTable, kept in the shared PositionCache (typed
 * arrays, interned strings: ~150 bytes per SKU-location at a million) instead of a Map, which
 * would cost several times that. The cache keeps the table's rule itself: a version at or below
 * the held one is ignored, a tombstone keeps its version as a watermark.
 */
export class PositionRows implements TableRows<InventoryPosition> {
  private readonly contract: typeof Topics.erpInventoryPositions | typeof Topics.wmsInventoryPositions;

  constructor(
    private readonly cache: PositionCache,
    private readonly source: PositionSource,
  ) {
    this.contract = source === 'ERP' ? Topics.erpInventoryPositions : Topics.wmsInventoryPositions;
  }

  /**
   * A position names its SKU-location and version itself (the key is `{sku}@{locationId}` of the
   * same position), so neither argument is read. False for a position the cache refuses as
   * invalid, too: callers that must tell it from a late one validate first.
   */
  put(_key: string, position: InventoryPosition): boolean {
    return this.cache.apply(this.source, position).status === 'APPLIED';
  }

  /** False for a key that names no SKU-location: nothing can be held under it. */
  delete(key: string): boolean {
    let parsed: { sku: string; locationId: string };
    try {
      parsed = parseMessageKey(this.contract, key);
    } catch {
      return false;
    }
    return this.cache.remove(this.source, parsed.sku, parsed.locationId);
  }
}
