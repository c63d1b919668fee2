import type { ChannelOrderLine } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { sampleCatalog, sampleItems } from '../../testing/sample-data.fixture';
import { mapLineItem } from './item-mapping.rule';

const reference = sampleCatalog();
const items = sampleItems();
const line = (overrides: Partial<ChannelOrderLine>): ChannelOrderLine => ({
  ...(sampleChannelOrder().lines[0] as ChannelOrderLine),
  ...overrides,
});

describe('mapLineItem', () => {
  it('maps every SKU of the sample Shopify order', () => {
    const skus = sampleChannelOrder().lines.map((l, i) => mapLineItem(l, i, 'acme-outdoor', reference, items).value?.sku);
    expect(skus).toEqual(['TEE-BLK-M', 'HOODIE-GRY-L', 'CAP-NVY-OS']);
  });

  it('falls back to the GTIN when the channel SKU is not mapped (EDI UPCs)', () => {
    expect(mapLineItem(line({ channelSku: '999', gtin: '00614141234567' }), 0, 'edi-summit-outfitters', reference, items).value?.sku).toBe('TEE-BLK-M');
  });

  it('holds an unmapped channel SKU (ITEM_UNMAPPED)', () => {
    // Mapped for acme-outdoor only: the amazon-us listing has no mapping.
    const outcome = mapLineItem(line({ channelSku: 'SHOP-TEE-BLK-M' }), 3, 'amazon-us', reference, items);
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'ITEM_UNMAPPED',
        field: 'lines[3].channelSku',
        lineId: '1',
        disposition: 'HELD',
        retryable: true,
      }),
    ]);
  });

  it('holds a mapping to an item the item master has not delivered (ITEM_UNMAPPED)', () => {
    const emptyItemMaster = { bySku: () => undefined, byGtin: () => undefined };
    const outcome = mapLineItem(line({ channelSku: 'SHOP-TEE-BLK-M' }), 0, 'acme-outdoor', reference, emptyItemMaster);
    expect(outcome.issues[0]).toMatchObject({ reasonCode: 'ITEM_UNMAPPED' });
    expect(outcome.issues[0]?.message).toContain('not in the item master');
  });
});
