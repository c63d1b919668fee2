import { SeededRandom } from './seeded-random';

export interface CatalogItem {
  readonly sku: string;
  readonly description: string;
  /** 12 digits; the GTIN-13 is this plus its check digit. */
  readonly gtinBody: string;
  readonly caseSize: number;
  readonly weightKg: number;
}

const FAMILIES: ReadonlyArray<readonly [code: string, name: string, caseSizes: readonly number[], kg: readonly [number, number]]> = [
  ['TENT', 'Tent', [2, 4], [1.1, 6.5]],
  ['STOVE', 'Camp stove', [4, 6], [0.3, 4.2]],
  ['PACK', 'Backpack', [6, 10], [0.6, 2.4]],
  ['BAG', 'Sleeping bag', [4, 8], [0.7, 2.2]],
  ['LAMP', 'Headlamp', [12, 24], [0.05, 0.3]],
  ['POLE', 'Trekking poles (pair)', [10, 20], [0.3, 0.7]],
  ['MAT', 'Sleeping mat', [6, 12], [0.4, 1.8]],
  ['FILTER', 'Water filter', [12, 24], [0.1, 0.5]],
];

// Named in the availability service's channel rules (caps, ring-fenced stock), so the demo shows them.
const NAMED: readonly CatalogItem[] = [
  { sku: 'TENT-ULTRA-2P', description: 'Tent, ultralight, 2 person', gtinBody: '061414100001', caseSize: 4, weightKg: 1.25 },
  { sku: 'STOVE-CAMP-2B', description: 'Camp stove, 2 burner', gtinBody: '061414100002', caseSize: 4, weightKg: 3.9 },
];

/**
 * The distributor's item catalog: `count` SKUs, the same for a given seed in the ERP and the WMS
 * simulator, so their positions talk about the same items.
 */
export function skuCatalog(seed: number, count: number): CatalogItem[] {
  const random = new SeededRandom(seed ^ 0x5eed);
  const items = NAMED.slice(0, count);
  for (let index = items.length; index < count; index++) {
    const [code, name, caseSizes, [minKg, maxKg]] = random.pick(FAMILIES);
    const number = String(index).padStart(4, '0');
    items.push({
      sku: `${code}-${number}`,
      description: `${name} #${number}`,
      gtinBody: `0614141${String(index).padStart(5, '0')}`,
      caseSize: random.pick(caseSizes),
      weightKg: Math.round((minKg + random.next() * (maxKg - minKg)) * 1000) / 1000,
    });
  }
  return items;
}

/** GTIN-13 of a 12-digit body (mod-10 check digit, weights 1 and 3 from the left). */
export function gtin13(body: string): string {
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}
