import { channelPackageId } from './channel-package-id';
import { ChannelStatusMappings, translateMilestone, type TranslationInput } from './channel-status.mapping';

describe('channel status mapping files', () => {
  const mappings = ChannelStatusMappings.standard();
  const input = (over: Partial<TranslationInput> = {}): TranslationInput => ({ milestone: 'SHIPPED', orderStatus: 'SHIPPED', hasTracking: true, ...over });
  const shopify = mappings.forAccount('SHOPIFY', 'acme-outdoor')!;
  const shopifyOld = mappings.forAccount('SHOPIFY', 'legacy-outfitters')!;

  it('picks the channel default, or the version an account is pinned to; an unmapped channel is not told', () => {
    expect(shopify.version).toBe('shopify-2025-10@1');
    expect(shopifyOld.version).toBe('shopify-2024-04@1');
    expect(mappings.forAccount('WALMART', 'any')).toBeUndefined();
  });

  it('translates to Shopify 2025-10 words', () => {
    expect(translateMilestone(shopify, input())).toEqual({
      channelStatus: 'CARRIER_PICKED_UP',
      vocabulary: 'shopify.FulfillmentEventStatus',
      mappingVersion: 'shopify-2025-10@1',
      fallbackUsed: false,
    });
    expect(translateMilestone(shopify, input({ milestone: 'EXCEPTION' }))?.channelStatus).toBe('DELAYED');
    expect(translateMilestone(shopify, input({ milestone: 'DELIVERY_FAILED' }))?.channelStatus).toBe('ATTEMPTED_DELIVERY');
  });

  it('uses the declared fallback where Shopify 2024-04 has no word (no CARRIER_PICKED_UP, no DELAYED)', () => {
    expect(translateMilestone(shopifyOld, input())).toMatchObject({ channelStatus: 'CONFIRMED', fallbackUsed: true });
    expect(translateMilestone(shopifyOld, input({ milestone: 'EXCEPTION' }))).toMatchObject({ channelStatus: 'CONFIRMED', fallbackUsed: true });
    expect(translateMilestone(shopifyOld, input({ milestone: 'DELIVERED' }))).toMatchObject({ channelStatus: 'DELIVERED', fallbackUsed: false });
  });

  it('does not tell a channel what its mapping leaves out', () => {
    expect(translateMilestone(shopify, input({ milestone: 'PACKED' }))).toBeNull();
    expect(translateMilestone(mappings.forAccount('AMAZON', 'a')!, input({ milestone: 'DELIVERED' }))).toBeNull();
  });

  it('gives Amazon the order-level word: PartiallyShipped until every line shipped', () => {
    const amazon = mappings.forAccount('AMAZON', 'a')!;
    expect(translateMilestone(amazon, input({ orderStatus: 'PARTIALLY_SHIPPED' }))?.channelStatus).toBe('PartiallyShipped');
    expect(translateMilestone(amazon, input())?.channelStatus).toBe('Shipped');
  });

  it('gives BigCommerce status ids: 3 partially shipped, 2 shipped, 10 completed', () => {
    const bigcommerce = mappings.forAccount('BIGCOMMERCE', 'b')!;
    expect(translateMilestone(bigcommerce, input({ orderStatus: 'PARTIALLY_SHIPPED' }))?.channelStatus).toBe('3');
    expect(translateMilestone(bigcommerce, input())?.channelStatus).toBe('2');
    expect(translateMilestone(bigcommerce, input({ milestone: 'DELIVERED', orderStatus: 'PARTIALLY_DELIVERED' }))?.channelStatus).toBe('2');
    expect(translateMilestone(bigcommerce, input({ milestone: 'DELIVERED', orderStatus: 'DELIVERED' }))?.channelStatus).toBe('10');
  });

  it('says an 856 is READY only for a shipped package with tracking', () => {
    const edi = mappings.forAccount('EDI', 'partner')!;
    expect(translateMilestone(edi, input())?.channelStatus).toBe('READY');
    expect(translateMilestone(edi, input({ hasTracking: false }))).toMatchObject({ channelStatus: 'NOT_APPLICABLE', fallbackUsed: false });
  });
});

describe('channelPackageId', () => {
  it('gives Amazon a stable positive integer per package and others the package reference', () => {
    const id = channelPackageId('AMAZON', 'wms-main:CTN-1');
    expect(id).toMatch(/^[1-9]\d*$/);
    expect(Number.isSafeInteger(Number(id))).toBe(true);
    expect(channelPackageId('AMAZON', 'wms-main:CTN-1')).toBe(id);
    expect(channelPackageId('AMAZON', 'wms-main:CTN-2')).not.toBe(id);
    expect(channelPackageId('SHOPIFY', 'wms-main:CTN-1')).toBe('wms-main:CTN-1');
  });
});
