import type { ItemMaster } from '@crossdock/contracts';
import { itemFactsOf } from './item-facts.mapper';

const item = (overrides: Partial<ItemMaster>) => ({ sku: 'A', safetyStock: 5, discontinued: false, version: 1, ...overrides }) as ItemMaster;

describe('itemFactsOf', () => {
  it('keeps the safety stock and the discontinued flag', () => {
    expect(itemFactsOf(item({ safetyStock: 5, discontinued: true }))).toEqual({ safetyStock: 5, discontinued: true });
  });

  it('counts a negative safety stock as none, which would otherwise add stock', () => {
    expect(itemFactsOf(item({ safetyStock: -3 })).safetyStock).toBe(0);
  });
});
