import { itemMaster, SAMPLE_NOW, sampleCatalog, sampleItems } from '../../testing/sample-data.fixture';
import { substituteDiscontinuedItem } from './item-substitution.rule';

const reference = sampleCatalog();

describe('substituteDiscontinuedItem', () => {
  const items = sampleItems();
  const item = (sku: string) => {
    const found = items.bySku(sku);
    if (!found) throw new Error(sku);
    return found;
  };

  it('ships an active item as ordered', () => {
    expect(substituteDiscontinuedItem(item('TEE-BLK-M'), 'acme-outdoor', reference, items, SAMPLE_NOW)).toEqual({
      item: item('TEE-BLK-M'),
      substitution: null,
      sellThroughOnly: false,
    });
  });

  it('applies a global substitution rule to a discontinued item', () => {
    const result = substituteDiscontinuedItem(item('TENT-2P-ORG'), 'acme-outdoor', reference, items, SAMPLE_NOW);
    expect(result.item.sku).toBe('TENT-2P-GRN');
    expect(result.substitution).toEqual({
      originalSku: 'TENT-2P-ORG',
      reasonCode: 'DISCONTINUED',
      ruleId: 'SUB-2026-007',
    });
  });

  it('applies a channel-specific rule only to its channel account and validity window', () => {
    const forSummit = substituteDiscontinuedItem(item('BOTTLE-1L-STL'), 'edi-summit-outfitters', reference, items, SAMPLE_NOW);
    expect(forSummit.substitution?.ruleId).toBe('SUB-2026-011');
    const forShopify = substituteDiscontinuedItem(item('BOTTLE-1L-STL'), 'acme-outdoor', reference, items, SAMPLE_NOW);
    expect(forShopify).toMatchObject({ substitution: null, sellThroughOnly: true });
    const afterWindow = substituteDiscontinuedItem(item('BOTTLE-1L-STL'), 'edi-summit-outfitters', reference, items, Date.UTC(2027, 5, 1));
    expect(afterWindow.substitution).toBeNull();
  });

  it("falls back to the item master's supersession and follows chains, reporting the original SKU", () => {
    const chain = sampleItems([
      itemMaster('KNIFE-V1', { discontinued: true, substituteSku: 'KNIFE-V2' }),
      itemMaster('KNIFE-V2', { discontinued: true, substituteSku: 'KNIFE-V3' }),
      itemMaster('KNIFE-V3'),
    ]);
    const result = substituteDiscontinuedItem(chain.bySku('KNIFE-V1') ?? itemMaster('x'), 'acme-outdoor', reference, chain, SAMPLE_NOW);
    expect(result.item.sku).toBe('KNIFE-V3');
    expect(result.substitution).toEqual({
      originalSku: 'KNIFE-V1',
      reasonCode: 'SUPERSEDED',
      ruleId: 'item-master:KNIFE-V1',
    });
  });

  it('stops on a supersession cycle instead of looping', () => {
    const cycle = sampleItems([itemMaster('A', { discontinued: true, substituteSku: 'B' }), itemMaster('B', { discontinued: true, substituteSku: 'A' })]);
    const result = substituteDiscontinuedItem(cycle.bySku('A') ?? itemMaster('x'), 'acme-outdoor', reference, cycle, SAMPLE_NOW);
    expect(result.sellThroughOnly).toBe(true);
  });
});
