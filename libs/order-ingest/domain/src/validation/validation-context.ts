import type { ChannelAvailability, ChannelOrder, ItemMaster } from '@crossdock/contracts';
import type { RuleIssue } from '../issues/order-issue';
import type { ChannelAccountConfig } from '../reference-data/reference-data.schema';
import type { ReferenceCatalog } from '../reference-data/reference-catalog';

/** Item master as order-ingest's table of the item-master topic holds it. */
export interface ItemCatalog {
  bySku(sku: string): ItemMaster | undefined;
  /** Secondary key: EDI orders often carry a UPC the channel SKU mapping lacks. */
  byGtin(gtin: string): ItemMaster | undefined;
}

/** Per-channel sellable quantities from the availability topic (consumed, never called). */
export interface AvailabilitySnapshot {
  forSku(sku: string, channelAccountId: string): ChannelAvailability | undefined;
}

/** Everything the rules read; all pure data, so a rule run is repeatable and testable. */
export interface ValidationContext {
  readonly order: ChannelOrder;
  readonly account: ChannelAccountConfig;
  readonly reference: ReferenceCatalog;
  readonly items: ItemCatalog;
  readonly availability: AvailabilitySnapshot;
  /** Evaluation time (epoch ms): substitution rule validity is judged against it. */
  readonly now: number;
}

/** A rule either produces its enrichment, or issues, or (for partial results) both. */
export interface RuleOutcome<T> {
  readonly value: T | null;
  readonly issues: readonly RuleIssue[];
}

export const ok = <T>(value: T): RuleOutcome<T> => ({ value, issues: [] });
export const failed = <T>(...issues: RuleIssue[]): RuleOutcome<T> => ({ value: null, issues });

/** Simple in-memory ItemCatalog, used by tests and by the app's table cache. */
export function itemCatalogFrom(items: readonly ItemMaster[]): ItemCatalog {
  const bySku = new Map(items.map((i) => [i.sku, i]));
  const byGtin = new Map(items.flatMap((i) => i.gtins.map((g) => [g, i] as const)));
  return { bySku: (sku) => bySku.get(sku), byGtin: (gtin) => byGtin.get(gtin) };
}

/** Simple in-memory AvailabilitySnapshot keyed like the availability topic (`{sku}@{channelAccountId}`). */
export function availabilitySnapshotFrom(records: readonly ChannelAvailability[]): AvailabilitySnapshot {
  const byKey = new Map(records.map((r) => [`${r.sku}@${r.channelAccountId}`, r]));
  return { forSku: (sku, account) => byKey.get(`${sku}@${account}`) };
}
