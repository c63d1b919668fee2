import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChannelAvailability, ItemMaster, LocationType } from '@crossdock/contracts';
import { type ReferenceCatalog, indexReferenceData } from '../reference-data/reference-catalog';
import { mergeReferenceData, parseReferenceDataFile } from '../reference-data/reference-data.parser';
import type { ReferenceData } from '../reference-data/reference-data.schema';
import { type AvailabilitySnapshot, availabilitySnapshotFrom, type ItemCatalog, itemCatalogFrom } from '../validation/validation-context';

/** Test support only (not exported): the sample reference files in the repo, item master and availability builders. */
export const SAMPLE_REFERENCE_DIR = join(__dirname, '..', '..', 'reference-data');

/** 2026-11-27T12:00:00Z: inside every sample substitution rule's validity window. */
export const SAMPLE_NOW = Date.UTC(2026, 10, 27, 12);

export function sampleReferenceData(): ReferenceData {
  const files = readdirSync(SAMPLE_REFERENCE_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => parseReferenceDataFile(readFileSync(join(SAMPLE_REFERENCE_DIR, f), 'utf8'), f));
  return mergeReferenceData(files);
}

export function sampleCatalog(change?: (data: ReferenceData) => ReferenceData): ReferenceCatalog {
  const data = sampleReferenceData();
  return indexReferenceData(change ? change(data) : data);
}

export function itemMaster(sku: string, overrides: Partial<ItemMaster> = {}): ItemMaster {
  return {
    sku,
    description: sku.toLowerCase().replace(/-/g, ' '),
    baseUnitOfMeasure: 'EA',
    unitConversions: [],
    gtins: [],
    safetyStock: 0,
    discontinued: false,
    substituteSku: null,
    weightGrams: 250,
    sourceSystem: 'netsuite-prod',
    asOf: SAMPLE_NOW - 86_400_000,
    version: 1,
    ...overrides,
  };
}

export const SAMPLE_ITEMS: readonly ItemMaster[] = [
  itemMaster('TEE-BLK-M', { unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 12 }], gtins: ['00614141234567'] }),
  itemMaster('HOODIE-GRY-L', { unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 6 }] }),
  itemMaster('CAP-NVY-OS'),
  itemMaster('TENT-2P-ORG', { discontinued: true }),
  itemMaster('TENT-2P-GRN'),
  itemMaster('BOTTLE-1L-STL', { discontinued: true, gtins: ['00614141299001'] }),
  itemMaster('BOTTLE-1L-INS'),
];

export function sampleItems(extra: readonly ItemMaster[] = []): ItemCatalog {
  const bySku = new Map([...SAMPLE_ITEMS, ...extra].map((i) => [i.sku, i]));
  return itemCatalogFrom([...bySku.values()]);
}

const LOCATION_TYPES: Readonly<Record<string, LocationType>> = {
  'DC-RENO': 'WAREHOUSE',
  'DC-ATLANTA': 'WAREHOUSE',
  '3PL-DALLAS': 'THIRD_PARTY_LOGISTICS',
};

/** `stock` is `{ sku: { locationId: sellableQuantity } }` for one channel account. */
export function availabilityFor(channelAccountId: string, stock: Readonly<Record<string, Readonly<Record<string, number>>>>): ChannelAvailability[] {
  return Object.entries(stock).map(([sku, byLocation]) => {
    const locations = Object.entries(byLocation).map(([locationId, sellableQuantity]) => ({
      locationId,
      locationType: LOCATION_TYPES[locationId] ?? 'WAREHOUSE',
      onHand: sellableQuantity,
      allocated: 0,
      qualityHold: 0,
      reserved: 0,
      inboundCounted: 0,
      sellableQuantity,
    }));
    return {
      sku,
      channelAccountId,
      channel: 'SHOPIFY',
      channelSku: null,
      sellableQuantity: locations.reduce((s, l) => s + l.sellableQuantity, 0),
      locations,
      safetyStockApplied: 0,
      bufferApplied: 0,
      cap: null,
      ruleSetVersion: null,
      computedAt: SAMPLE_NOW,
      basedOnAsOf: SAMPLE_NOW,
      version: 1,
    };
  });
}

/** Plenty of every sample item everywhere, so only the rule under test can fail. */
export function ampleAvailability(channelAccountId = 'acme-outdoor'): AvailabilitySnapshot {
  const everywhere = { 'DC-RENO': 500, 'DC-ATLANTA': 500, '3PL-DALLAS': 500 };
  return availabilitySnapshotFrom(availabilityFor(channelAccountId, Object.fromEntries(SAMPLE_ITEMS.map((i) => [i.sku, everywhere]))));
}
