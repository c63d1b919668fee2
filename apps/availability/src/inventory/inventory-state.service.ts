import { Injectable } from '@nestjs/common';
import {
  computeSellableQuantity,
  mergeStockPositions,
  PositionCache,
  type ItemFacts,
  type LocationStock,
  type SellableResult,
} from '@crossdock/availability/domain';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { ItemMasterStore } from './item-master.store';
import { OpenReservationsStore } from './open-reservations.store';

/**
 * Everything the sellable figures are computed from, in memory: ERP/WMS positions, item master
 * facts and open reservation totals. Filled by the start-up rebuild, then kept current by the
 * live consumers; `whenRebuilt()` lets those consumers wait, so nothing is decided or published
 * from a half-read table.
 */
@Injectable()
export class InventoryStateService {
  readonly positions: PositionCache;
  readonly items = new ItemMasterStore();
  readonly openReservations = new OpenReservationsStore();
  private rebuiltAt: number | null = null;
  private changedWhileDown: Set<string> = new Set();
  private markRebuilt!: () => void;
  private readonly rebuilt = new Promise<void>((resolve) => (this.markRebuilt = resolve));

  constructor(private readonly channelRules: ChannelRulesService) {
    // The rules are loaded by the time a position arrives (module init precedes consumption).
    this.positions = new PositionCache({ isKnownLocation: (locationId) => this.channelRules.rules().isKnownLocation(locationId) });
  }

  whenRebuilt(): Promise<void> {
    return this.rebuilt;
  }

  isRebuilt(): boolean {
    return this.rebuiltAt !== null;
  }

  /**
   * `changedWhileDown`: SKUs whose records the service's consumer group had not handled yet. Their
   * figures may differ from what was last published, and the live consumer will find those
   * records already applied (same version) and publish nothing, so the publisher refreshes them.
   */
  completeRebuild(changedWhileDown: Set<string>): void {
    this.changedWhileDown = changedWhileDown;
    this.rebuiltAt = Date.now();
    this.markRebuilt();
  }

  /** Hands the SKUs changed while the service was down to the one caller that republishes them. */
  takeChangedWhileDown(): string[] {
    const skus = [...this.changedWhileDown];
    this.changedWhileDown = new Set();
    return skus;
  }

  /** Locations of the channel rules: a position anywhere else is refused. */
  isKnownLocation(locationId: string): boolean {
    return this.channelRules.rules().isKnownLocation(locationId);
  }

  stockAt(sku: string, locationId: string): LocationStock | undefined {
    const positions = this.positions.positionsOf(sku).find((p) => p.locationId === locationId);
    return positions ? mergeStockPositions(positions) : undefined;
  }

  item(sku: string): ItemFacts | undefined {
    return this.items.get(sku);
  }

  sellable(sku: string, channelAccountId: string, now = Date.now()): SellableResult {
    return this.sellableFor(sku, [channelAccountId], now)[0] as SellableResult;
  }

  /** One figure per channel account, reading the SKU's stock and item facts once for all of them. */
  sellableFor(sku: string, channelAccountIds: Iterable<string>, now = Date.now()): SellableResult[] {
    const rules = this.channelRules.rules();
    const stock = this.positions.stockOf(sku);
    const item = this.items.get(sku);
    const results: SellableResult[] = [];
    for (const channelAccountId of channelAccountIds) {
      results.push(computeSellableQuantity({ sku, channelAccountId, rules, stock, reservations: this.openReservations, item, now }));
    }
    return results;
  }
}
