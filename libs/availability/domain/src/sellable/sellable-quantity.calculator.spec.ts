import { HOUR, NOW, reservationsView, stock, supply, testRules } from '../test-support/availability.fixtures';
import { applyBuffer, computeSellableQuantity, type ChannelSellable, type SellableQuantityInput } from './sellable-quantity.calculator';

const rules = testRules();

function sellable(overrides: Partial<SellableQuantityInput> = {}): ChannelSellable {
  const result = computeSellableQuantity({
    sku: 'SKU-1',
    channelAccountId: 'shop',
    rules,
    stock: [stock()],
    reservations: reservationsView(),
    item: { safetyStock: 0, discontinued: false },
    now: NOW,
    ...overrides,
  });
  if (result.kind !== 'SELLABLE') throw new Error(`expected a figure, got ${result.kind}`);
  return result;
}

describe('computeSellableQuantity', () => {
  it('subtracts allocations, holds, open reservations and safety stock from on-hand', () => {
    const result = sellable({
      stock: [stock({ onHand: 100, allocated: 20, qualityHold: 5 })],
      reservations: reservationsView({
        'SKU-1@DC-RENO': { amazon: 7, shop: 3 },
      }),
      item: { safetyStock: 15, discontinued: false },
    });
    expect(result.sellableQuantity).toBe(100 - 20 - 5 - 10 - 15);
    expect(result.safetyStockApplied).toBe(15);
    expect(result.locations[0]).toMatchObject({
      onHand: 100,
      allocated: 20,
      qualityHold: 5,
      reserved: 10,
      sellableQuantity: 65,
      known: true,
    });
  });

  it('sums the eligible locations and leaves out locations that do not serve the channel', () => {
    const all = [stock({ onHand: 10 }), stock({ locationId: 'DC-ATLANTA', onHand: 20 }), stock({ locationId: '3PL-DALLAS', onHand: 40 })];
    expect(sellable({ stock: all }).sellableQuantity).toBe(70);
    const amazon = sellable({ stock: all, channelAccountId: 'amazon' });
    expect(amazon.sellableQuantity).toBe(30);
    expect(amazon.locations.map((l) => l.locationId)).toEqual(['DC-RENO', 'DC-ATLANTA']);
  });

  it('caps a quality hold above on-hand at that location so it cannot eat stock elsewhere', () => {
    const result = sellable({
      stock: [stock({ onHand: 5, qualityHold: 9 }), stock({ locationId: 'DC-ATLANTA', onHand: 8 })],
    });
    expect(result.sellableQuantity).toBe(8);
    expect(result.locations[0]).toMatchObject({
      qualityHold: 5,
      sellableQuantity: 0,
    });
  });

  it('clamps negative on-hand to zero', () => {
    const result = sellable({
      stock: [stock({ onHand: -4 }), stock({ locationId: 'DC-ATLANTA', onHand: 3 })],
    });
    expect(result.sellableQuantity).toBe(3);
    expect(result.locations[0]?.onHand).toBe(0);
  });

  it('treats a reservation larger than the stock as zero at that location, never negative', () => {
    const result = sellable({
      stock: [stock({ onHand: 4 }), stock({ locationId: 'DC-ATLANTA', onHand: 6 })],
      reservations: reservationsView({ 'SKU-1@DC-RENO': { amazon: 9 } }),
    });
    expect(result.locations[0]?.sellableQuantity).toBe(0);
    expect(result.sellableQuantity).toBe(6);
  });

  it('never goes below zero when safety stock exceeds the pool', () => {
    const result = sellable({
      stock: [stock({ onHand: 3 })],
      item: { safetyStock: 10, discontinued: false },
    });
    expect(result.sellableQuantity).toBe(0);
    expect(result.safetyStockApplied).toBe(3);
  });

  it('distinguishes a location without a position (unknown) from a zero position', () => {
    const result = sellable({
      stock: [stock({ locationId: 'DC-ATLANTA', onHand: 0 })],
    });
    expect(result.locations.map((l) => [l.locationId, l.known])).toEqual([
      ['DC-RENO', false],
      ['DC-ATLANTA', true],
      ['3PL-DALLAS', false],
    ]);
    expect(result.sellableQuantity).toBe(0);
  });

  it('answers UNKNOWN_SKU, not zero, when the SKU has no position anywhere', () => {
    const result = computeSellableQuantity({
      sku: 'SKU-1',
      channelAccountId: 'shop',
      rules,
      stock: [],
      reservations: reservationsView(),
      item: undefined,
      now: NOW,
    });
    expect(result).toEqual({
      kind: 'UNKNOWN_SKU',
      sku: 'SKU-1',
      channelAccountId: 'shop',
    });
  });

  it('answers a known zero when the SKU is stocked only at locations the channel cannot sell from', () => {
    const result = sellable({
      channelAccountId: 'amazon',
      stock: [stock({ locationId: '3PL-DALLAS', onHand: 50 })],
    });
    expect(result.sellableQuantity).toBe(0);
    expect(result.basedOnAsOf).toBeNull();
  });

  it('answers UNKNOWN_CHANNEL_ACCOUNT for an account without rules', () => {
    const result = computeSellableQuantity({
      sku: 'SKU-1',
      channelAccountId: 'ebay',
      rules,
      stock: [stock()],
      reservations: reservationsView(),
      item: undefined,
      now: NOW,
    });
    expect(result.kind).toBe('UNKNOWN_CHANNEL_ACCOUNT');
  });

  it('rounds the channel buffer so the channel is shown less, never more', () => {
    const buffered = testRules(`
skuOverrides:
  - { channelAccountId: shop, sku: SKU-1, bufferPercent: 12.5 }
`);
    const result = sellable({ rules: buffered, stock: [stock({ onHand: 9 })] });
    // 12.5 % of 9 = 1.125: the channel sees 7, not 7.875 or 8.
    expect(result.sellableQuantity).toBe(7);
    expect(result.bufferApplied).toBe(2);
    expect(applyBuffer(8, 12.5)).toBe(7);
    expect(applyBuffer(19, 5)).toBe(18);
    expect(applyBuffer(1, 5)).toBe(0);
    expect(applyBuffer(100, 0)).toBe(100);
    // 0.1 + 0.2 style float error must not drop a unit: 30 % of 10 leaves exactly 7.
    expect(applyBuffer(10, 30)).toBe(7);
  });

  it('applies the buffer after safety stock and the cap last', () => {
    const capped = testRules(`
skuOverrides:
  - { channelAccountId: shop, sku: SKU-1, bufferPercent: 10, maxExposure: 50 }
`);
    const result = sellable({
      rules: capped,
      stock: [stock({ onHand: 120 })],
      item: { safetyStock: 20, discontinued: false },
    });
    expect(result.safetyStockApplied).toBe(20);
    expect(result.bufferApplied).toBe(10);
    expect(result.capApplied).toBe(50);
    expect(result.sellableQuantity).toBe(50);
    const below = sellable({ rules: capped, stock: [stock({ onHand: 40 })] });
    expect(below.capApplied).toBeNull();
    expect(below.sellableQuantity).toBe(36);
  });

  describe('ring-fences', () => {
    const fenced = testRules(`
ringFences:
  - { channelAccountId: amazon, sku: SKU-1, locationId: DC-RENO, quantity: 4 }
`);

    it('hides another channel account fence from everyone but its owner', () => {
      expect(sellable({ rules: fenced, stock: [stock({ onHand: 10 })] }).sellableQuantity).toBe(6);
      expect(
        sellable({
          rules: fenced,
          stock: [stock({ onHand: 10 })],
          channelAccountId: 'amazon',
        }).sellableQuantity,
      ).toBe(10);
      expect(sellable({ rules: fenced, stock: [stock({ onHand: 10 })] }).ringFencedForOthers).toBe(4);
    });

    it("shrinks as the owner's reservations draw on it", () => {
      const reservations = reservationsView({ 'SKU-1@DC-RENO': { amazon: 3 } });
      expect(
        sellable({
          rules: fenced,
          stock: [stock({ onHand: 10 })],
          reservations,
        }).sellableQuantity,
      ).toBe(10 - 3 - 1);
      expect(
        sellable({
          rules: fenced,
          stock: [stock({ onHand: 10 })],
          reservations,
          channelAccountId: 'amazon',
        }).sellableQuantity,
      ).toBe(7);
    });

    it('is not shrunk by other channels selling: they sell the shared part first', () => {
      const reservations = reservationsView({ 'SKU-1@DC-RENO': { shop: 6 } });
      expect(
        sellable({
          rules: fenced,
          stock: [stock({ onHand: 10 })],
          reservations,
        }).sellableQuantity,
      ).toBe(0);
      expect(
        sellable({
          rules: fenced,
          stock: [stock({ onHand: 10 })],
          reservations,
          channelAccountId: 'amazon',
        }).sellableQuantity,
      ).toBe(4);
    });

    it('gives the owner everything and others nothing when the fence exceeds the stock', () => {
      expect(sellable({ rules: fenced, stock: [stock({ onHand: 3 })] }).sellableQuantity).toBe(0);
      expect(
        sellable({
          rules: fenced,
          stock: [stock({ onHand: 3 })],
          channelAccountId: 'amazon',
        }).sellableQuantity,
      ).toBe(3);
    });

    it('only hides stock at the fenced location', () => {
      const result = sellable({
        rules: fenced,
        stock: [stock({ onHand: 10 }), stock({ locationId: 'DC-ATLANTA', onHand: 5 })],
      });
      expect(result.sellableQuantity).toBe(11);
    });
  });

  describe('in-transit supply', () => {
    const inbound = [supply(30, NOW + 48 * HOUR), supply(100, NOW + 30 * 24 * HOUR)];

    it('adds supply due within the window for a channel that allows it', () => {
      const result = sellable({ stock: [stock({ onHand: 5, inbound })] });
      expect(result.locations[0]?.inboundCounted).toBe(30);
      expect(result.sellableQuantity).toBe(35);
    });

    it('adds nothing for a channel that does not sell inbound supply', () => {
      expect(
        sellable({
          channelAccountId: 'amazon',
          stock: [stock({ onHand: 5, inbound })],
        }).sellableQuantity,
      ).toBe(5);
    });

    it('lets inbound cover allocations above on-hand (backorders are filled first)', () => {
      expect(sellable({ stock: [stock({ onHand: 5, allocated: 20, inbound })] }).sellableQuantity).toBe(15);
    });
  });

  it('reports the oldest asOf of the eligible positions and the rule set version', () => {
    const result = sellable({
      stock: [stock({ asOf: NOW - 5 * HOUR }), stock({ locationId: 'DC-ATLANTA', asOf: NOW - HOUR })],
    });
    expect(result.basedOnAsOf).toBe(NOW - 5 * HOUR);
    expect(result.ruleSetVersion).toBe('7');
  });

  it('uses zero safety stock but says so when the item master has no record', () => {
    const result = sellable({ item: undefined });
    expect(result.itemKnown).toBe(false);
    expect(result.sellableQuantity).toBe(10);
  });
});
