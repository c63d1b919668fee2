import type { ItemMaster } from '@crossdock/contracts';
import type { ItemFacts } from './sellable-quantity.calculator';

/**
 * What availability keeps of an item master record: two numbers and a flag per SKU, so a
 * million items stay small. A negative safety stock would add stock to every figure, so it
 * counts as none.
 */
export function itemFactsOf(item: ItemMaster): ItemFacts {
  return { safetyStock: Math.max(0, item.safetyStock), discontinued: item.discontinued };
}
