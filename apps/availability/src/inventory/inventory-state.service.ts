import { Injectable } from '@nestjs/common';
import type { InventoryPosition, ItemMaster } from '@crossdock/contracts';
import { CompactedTable, inMemoryTable } from '@crossdock/messaging';
import {
  CommittedUnitsView,
  computeSellableQuantity,
  ConsumedUnits,
  type ConsumedLine,
  itemFactsOf,
  mergeStockPositions,
  PositionCache,
  withAwaitingErp,
  type ItemFacts,
  type LocationStock,
  type OpenReservationTotals,
  type PositionSource,
  type SellableResult,
} from '@crossdock/availability/domain';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { availabilityMetrics } from './availability.metrics';
import { OpenReservationsStore } from './open-reservations.store';
import { PositionRows } from './position.rows';

/**
 * Everything the sellable figures are computed from, in memory: three tables mirrored from
 * compacted topics (ERP and WMS positions, whose rows live in one PositionCache; item master
 * facts), open reservation totals and the consumed units still awaiting the ERP. Filled by the
 * start-up rebuild, then kept current by the live consumers; `whenRebuilt()` lets those consumers
 * wait, so nothing is decided or published from a half-read table.
 */
@Injectable()
export class InventoryStateService {
  readonly positions: PositionCache;
  readonly erpPositions: CompactedTable<InventoryPosition, PositionRows>;
  readonly wmsPositions: CompactedTable<InventoryPosition, PositionRows>;
  readonly items = inMemoryTable<ItemFacts>();
  readonly openReservations = new OpenReservationsStore();
  /** Shipped order lines whose consumed units the ERP's on-hand may not reflect yet. */
  readonly consumed = new ConsumedUnits();
  /** What sellable subtracts: open reservations plus consumed units awaiting the ERP. */
  private readonly committed = new CommittedUnitsView(this.openReservations, this.consumed, (sku, locationId) => this.erpAsOf(sku, locationId));
  private readonly tables: ReadonlyArray<{ isReady(): boolean; whenReady(): Promise<void>; markReady(): void }>;
  private readonly rebuilt: Promise<void>;
  private inputsListener: ((sku: string, locationIds: readonly string[] | undefined) => void) | undefined;
  private settledListener: ((lines: readonly ConsumedLine[]) => void) | undefined;

  constructor(private readonly channelRules: ChannelRulesService) {
    // The rules are loaded by the time a position arrives (module init precedes consumption).
    this.positions = new PositionCache({ isKnownLocation: (locationId) => this.channelRules.rules().isKnownLocation(locationId) });
    this.erpPositions = new CompactedTable(new PositionRows(this.positions, 'ERP'));
    this.wmsPositions = new CompactedTable(new PositionRows(this.positions, 'WMS'));
    this.tables = [this.erpPositions, this.wmsPositions, this.items];
    // One promise for every waiter: the live handlers await it on each batch.
    this.rebuilt = Promise.all(this.tables.map((table) => table.whenReady())).then(() => undefined);
  }

  positionTable(source: PositionSource): CompactedTable<InventoryPosition, PositionRows> {
    return source === 'ERP' ? this.erpPositions : this.wmsPositions;
  }

  /** An item master record: its facts under its SKU (the topic's key), the newest version kept. */
  applyItem(item: ItemMaster): boolean {
    return this.items.apply(item.sku, itemFactsOf(item), item.version);
  }

  whenRebuilt(): Promise<void> {
    return this.rebuilt;
  }

  // Asked by every query: no closure, no allocation.
  isRebuilt(): boolean {
    return this.erpPositions.isReady() && this.wmsPositions.isReady() && this.items.isReady();
  }

  /** Marks the tables complete: the live consumers and the publisher may use them. */
  completeRebuild(): void {
    for (const table of this.tables) table.markReady();
  }

  /**
   * Something a SKU's figures are computed from changed (a position, an item, committed units at
   * `locationIds`; undefined: the item, so every location): the one listener, the publisher,
   * recomputes them. Nothing is told before the rebuild completed.
   */
  inputsChanged(sku: string, locationIds?: readonly string[]): void {
    if (this.isRebuilt()) this.inputsListener?.(sku, locationIds);
  }

  onInputsChanged(listener: (sku: string, locationIds: readonly string[] | undefined) => void): void {
    this.inputsListener = listener;
  }

  /** Locations of the channel rules: a position anywhere else is refused. */
  isKnownLocation(locationId: string): boolean {
    return this.channelRules.rules().isKnownLocation(locationId);
  }

  stockAt(sku: string, locationId: string): LocationStock | undefined {
    const positions = this.positions.positionsOf(sku).find((p) => p.locationId === locationId);
    return positions ? mergeStockPositions(positions) : undefined;
  }

  /** The cached ERP position's asOf for the SKU-location; undefined when the ERP reports none there. */
  erpAsOf(sku: string, locationId: string): number | undefined {
    return this.positions.get('ERP', sku, locationId)?.asOf;
  }

  /**
   * What a reservation decision subtracts: the open reservations and the consumed lines at the
   * SKU-location as its transaction read them, the lines counted as far as the ERP position in
   * hand does not reflect them yet (the same rule as the published figures).
   */
  committedFrom(open: OpenReservationTotals, consumedLines: readonly ConsumedLine[], sku: string, locationId: string): OpenReservationTotals {
    const consumed = new ConsumedUnits();
    for (const line of consumedLines) consumed.put(line);
    return withAwaitingErp(open, consumed, (s, l) => this.erpAsOf(s, l), sku, locationId);
  }

  /**
   * Forgets the SKU-location's consumed lines the ERP position in hand fully reflects (after an ERP
   * position or a posting) and hands them to the settled listener, which marks them in the database.
   */
  settleConsumed(sku: string, locationId: string): void {
    if (this.consumed.holds(sku, locationId)) {
      const settled = this.consumed.forgetSettled(sku, locationId, this.erpAsOf(sku, locationId));
      if (settled.length > 0) this.settledListener?.(settled);
    }
    availabilityMetrics.consumedLinesAwaitingErp.set(this.consumed.size());
  }

  /** The one listener told of the consumed lines forgotten as settled (ConsumedLineSettlements). */
  onConsumedSettled(listener: (lines: readonly ConsumedLine[]) => void): void {
    this.settledListener = listener;
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
      results.push(computeSellableQuantity({ sku, channelAccountId, rules, stock, reservations: this.committed, item, now }));
    }
    return results;
  }
}
