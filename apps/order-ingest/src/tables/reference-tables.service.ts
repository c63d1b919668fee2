import { Injectable } from '@nestjs/common';
import type { ChannelAvailability, ItemMaster } from '@crossdock/contracts';
import type { AvailabilitySnapshot, ItemCatalog } from '@crossdock/order-ingest/domain';

/**
 * Item master and channel availability as order-ingest sees them: in memory, rebuilt at start-up
 * from their compacted topics (the topics are the store; nothing here needs to survive a restart)
 * and kept current by the live consumer. Each record carries a monotonic `version` per key, so a
 * redelivered or replayed older record never rolls a table back.
 */
@Injectable()
export class ReferenceTablesService implements ItemCatalog, AvailabilitySnapshot {
  private readonly items = new Map<string, ItemMaster>();
  private readonly itemsByGtin = new Map<string, ItemMaster>();
  private readonly availability = new Map<string, ChannelAvailability>();
  private rebuilt = false;
  private readonly waiters: Array<() => void> = [];

  bySku(sku: string): ItemMaster | undefined {
    return this.items.get(sku);
  }

  byGtin(gtin: string): ItemMaster | undefined {
    return this.itemsByGtin.get(gtin);
  }

  forSku(sku: string, channelAccountId: string): ChannelAvailability | undefined {
    return this.availability.get(`${sku}@${channelAccountId}`);
  }

  /** Returns false when the record is older than (or the same as) what the table holds. */
  applyItem(item: ItemMaster): boolean {
    const held = this.items.get(item.sku);
    if (held && held.version >= item.version) return false;
    for (const gtin of held?.gtins ?? []) this.itemsByGtin.delete(gtin);
    this.items.set(item.sku, item);
    for (const gtin of item.gtins) this.itemsByGtin.set(gtin, item);
    return true;
  }

  removeItem(sku: string): void {
    for (const gtin of this.items.get(sku)?.gtins ?? []) this.itemsByGtin.delete(gtin);
    this.items.delete(sku);
  }

  applyAvailability(record: ChannelAvailability): boolean {
    const key = `${record.sku}@${record.channelAccountId}`;
    const held = this.availability.get(key);
    if (held && held.version >= record.version) return false;
    this.availability.set(key, record);
    return true;
  }

  removeAvailability(key: string): void {
    this.availability.delete(key);
  }

  sizes(): { items: number; availability: number } {
    return { items: this.items.size, availability: this.availability.size };
  }

  isRebuilt(): boolean {
    return this.rebuilt;
  }

  completeRebuild(): void {
    this.rebuilt = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Orders wait for the rebuild: evaluating against a half-read item master would hold good orders. */
  whenRebuilt(): Promise<void> {
    return this.rebuilt ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
