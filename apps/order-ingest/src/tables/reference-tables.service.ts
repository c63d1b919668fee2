import { Injectable } from '@nestjs/common';
import { messageKey, Topics, type ChannelAvailability, type ItemMaster } from '@crossdock/contracts';
import { inMemoryTable } from '@crossdock/messaging';
import type { AvailabilitySnapshot, ItemCatalog } from '@crossdock/order-ingest/domain';

/**
 * Item master and channel availability as order-ingest sees them: two CompactedTables, rebuilt
 * at start-up from their compacted topics (the topics are the store; nothing here needs to
 * survive a restart) and kept current by the live consumer. Rows are keyed as the topics key
 * their records, so a tombstone's key finds its row; versions decide, so a redelivered or
 * replayed older record never rolls a table back. A tombstone forgets its key altogether: an item
 * deleted in the ERP and created again is known again with its next record, whatever its version.
 */
@Injectable()
export class ReferenceTablesService implements ItemCatalog, AvailabilitySnapshot {
  private readonly items = inMemoryTable<ItemMaster>({ tombstone: 'nothing' });
  private readonly itemsByGtin = new Map<string, ItemMaster>();
  private readonly availability = inMemoryTable<ChannelAvailability>({ tombstone: 'nothing' });
  private readonly rebuilt = Promise.all([this.items.whenReady(), this.availability.whenReady()]).then(() => undefined);

  bySku(sku: string): ItemMaster | undefined {
    return this.items.get(sku);
  }

  byGtin(gtin: string): ItemMaster | undefined {
    return this.itemsByGtin.get(gtin);
  }

  forSku(sku: string, channelAccountId: string): ChannelAvailability | undefined {
    return this.availability.get(messageKey(Topics.channelAvailability, { sku, channelAccountId }));
  }

  /** Returns false when the record is older than (or the same as) what the table holds. */
  applyItem(item: ItemMaster): boolean {
    const held = this.items.get(item.sku);
    if (!this.items.apply(item.sku, item, item.version)) return false;
    for (const gtin of held?.gtins ?? []) this.itemsByGtin.delete(gtin);
    for (const gtin of item.gtins) this.itemsByGtin.set(gtin, item);
    return true;
  }

  /** A tombstone on the item master: `key` is the SKU. */
  removeItem(key: string): boolean {
    const held = this.items.get(key);
    if (!this.items.remove(key)) return false;
    for (const gtin of held?.gtins ?? []) this.itemsByGtin.delete(gtin);
    return true;
  }

  applyAvailability(record: ChannelAvailability): boolean {
    return this.availability.apply(messageKey(Topics.channelAvailability, record), record, record.version);
  }

  /** A tombstone on channel availability: `key` is its record key, `{sku}@{channelAccountId}`. */
  removeAvailability(key: string): boolean {
    return this.availability.remove(key);
  }

  sizes(): { items: number; availability: number } {
    return { items: this.items.size(), availability: this.availability.size() };
  }

  isRebuilt(): boolean {
    return this.items.isReady() && this.availability.isReady();
  }

  completeRebuild(): void {
    this.items.markReady();
    this.availability.markReady();
  }

  /** Orders wait for the rebuild: evaluating against a half-read item master would hold good orders. */
  whenRebuilt(): Promise<void> {
    return this.rebuilt;
  }
}
