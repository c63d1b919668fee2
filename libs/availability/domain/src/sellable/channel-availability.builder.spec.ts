import { NOW, reservationsView, stock, testRules } from '../test-support/availability.fixtures';
import { buildChannelAvailability } from './channel-availability.builder';
import { computeSellableQuantity, type ChannelSellable } from './sellable-quantity.calculator';

function figure(rulesYaml: string, onHand: number, channelAccountId = 'shop'): ChannelSellable {
  const result = computeSellableQuantity({
    sku: 'SKU-1',
    channelAccountId,
    rules: testRules(rulesYaml),
    stock: [stock({ onHand, allocated: 1, asOf: NOW - 5_000 })],
    reservations: reservationsView({ 'SKU-1@DC-RENO': { amazon: 2 } }),
    item: { safetyStock: 1, discontinued: false },
    now: NOW,
  });
  if (result.kind !== 'SELLABLE') throw new Error(result.kind);
  return result;
}

const meta = {
  channel: 'SHOPIFY' as const,
  channelSku: null,
  computedAt: NOW,
  version: 42,
};

describe('buildChannelAvailability', () => {
  it('maps the figure and its per-location breakdown onto the contract', () => {
    const record = buildChannelAvailability(figure('', 20), meta);
    expect(record).toEqual({
      sku: 'SKU-1',
      channelAccountId: 'shop',
      channel: 'SHOPIFY',
      channelSku: null,
      sellableQuantity: 16,
      locations: [
        {
          locationId: 'DC-RENO',
          locationType: 'WAREHOUSE',
          onHand: 20,
          allocated: 1,
          qualityHold: 0,
          reserved: 2,
          inboundCounted: 0,
          sellableQuantity: 17,
        },
        {
          locationId: 'DC-ATLANTA',
          locationType: 'WAREHOUSE',
          onHand: 0,
          allocated: 0,
          qualityHold: 0,
          reserved: 0,
          inboundCounted: 0,
          sellableQuantity: 0,
        },
        {
          locationId: '3PL-DALLAS',
          locationType: 'THIRD_PARTY_LOGISTICS',
          onHand: 0,
          allocated: 0,
          qualityHold: 0,
          reserved: 0,
          inboundCounted: 0,
          sellableQuantity: 0,
        },
      ],
      safetyStockApplied: 1,
      bufferApplied: 0,
      cap: null,
      ruleSetVersion: '7',
      computedAt: NOW,
      basedOnAsOf: NOW - 5_000,
      version: 42,
    });
  });

  it('reports the exposure cap when it limited the figure', () => {
    const record = buildChannelAvailability(figure('skuOverrides:\n  - { channelAccountId: shop, sku: SKU-1, maxExposure: 3 }\n', 20), meta);
    expect(record).toMatchObject({ sellableQuantity: 3, cap: 3 });
  });

  it("reports others' ring-fences as a cap on what the channel may show", () => {
    const record = buildChannelAvailability(figure('ringFences:\n  - { channelAccountId: amazon, sku: SKU-1, locationId: DC-RENO, quantity: 5 }\n', 20), meta);
    // amazon's 2 open reservations already draw 2 of its 5 fenced units.
    expect(record).toMatchObject({ sellableQuantity: 17 - 3 - 1, cap: 13 });
  });

  it('falls back to computedAt as basedOnAsOf when no eligible location reported', () => {
    const result = computeSellableQuantity({
      sku: 'SKU-1',
      channelAccountId: 'amazon',
      rules: testRules(),
      stock: [stock({ locationId: '3PL-DALLAS' })],
      reservations: reservationsView(),
      item: undefined,
      now: NOW,
    });
    if (result.kind !== 'SELLABLE') throw new Error(result.kind);
    expect(buildChannelAvailability(result, meta)).toMatchObject({
      sellableQuantity: 0,
      basedOnAsOf: NOW,
    });
  });
});
