import { parseChannelMapping, verifyShopifyHmac, X12PurchaseOrderAdapter, signShopifyBody } from '@crossdock/channel-adapters';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@crossdock/testing';
import { OrderDocuments } from './order-documents';

const skus = ['TENT-ULTRA-2P', 'STOVE-CAMP-2B', 'PACK-0002', 'LAMP-0003'];
const documents = new OrderDocuments(skus, 1_795_759_036);
const lines = [
  { item: 0, quantity: 2 },
  { item: 3, quantity: 1 },
];
const mapping = (id: string) => parseChannelMapping(JSON.parse(readFileSync(join(REPO_ROOT, 'libs/channel-adapters/mappings', `${id}.json`), 'utf8')));

describe('OrderDocuments', () => {
  it('builds a Shopify order from the sample with the demo id and channel SKUs', () => {
    const body = JSON.parse(documents.shopifyOrder(7, lines).toString('utf8')) as { id: number; line_items: { sku: string }[] };
    expect(String(body.id)).toBe(documents.shopifyOrderId(7));
    expect(body.line_items.map((l) => l.sku)).toEqual(['SHOP-TENT-ULTRA-2P', 'SHOP-LAMP-0003', 'SHOP-TENT-ULTRA-2P']);
    const body2 = documents.shopifyOrder(7, lines);
    expect(verifyShopifyHmac(body2, signShopifyBody(body2, 's'), 's')).toBe(true);
  });

  it('makes ids unique per run and per order', () => {
    const other = new OrderDocuments(skus, 1_795_759_999);
    expect(new Set([documents.shopifyOrderId(1), documents.shopifyOrderId(2), other.shopifyOrderId(1)]).size).toBe(3);
    expect(documents.amazonOrderId(12)).toMatch(/^\d{3}-\d{7}-\d{7}$/);
    expect(documents.amazonOrderId(12)).not.toBe(other.amazonOrderId(12));
  });

  it('lists an Amazon order with seller SKUs of the catalog', () => {
    const { order, items } = documents.amazonOrder(3, lines, Date.parse('2026-11-27T06:00:00Z'));
    expect(order.AmazonOrderId).toBe(documents.amazonOrderId(3));
    expect(order.LastUpdateDate).toBe('2026-11-27T06:00:00Z');
    expect(items.map((i) => i.SellerSKU)).toEqual(['AMZ-TENT-ULTRA-2P', 'AMZ-LAMP-0003']);
  });

  it('writes an X12 850 the real adapter accepts, one order with the buyer item numbers', () => {
    const content = documents.edi850(5, lines, new Date('2026-11-27T06:00:00Z'));
    const result = new X12PurchaseOrderAdapter().adapt({ content }, { mapping: mapping('edi-summit-outfitters'), receivedAt: Date.now() });
    const orders = result.outcomes.flatMap((o) => (o.kind === 'ORDER' ? [o.order] : []));
    expect(result.outcomes.filter((o) => o.kind === 'REJECTED')).toEqual([]);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ channelOrderId: documents.ediPurchaseOrder(5), channelAccountId: 'edi-summit-outfitters' });
    expect(orders[0]?.lines.map((l) => [l.channelSku, l.quantity])).toEqual([
      ['700000000', 2],
      ['700000003', 1],
    ]);
  });
});

describe('Shopify ship-to addresses', () => {
  it('sends every third order to Dallas (the 3PL region) and keeps the sample address otherwise', () => {
    const documents = new OrderDocuments(['SKU-1', 'SKU-2', 'SKU-3'], 1_765_000_000);
    const shipTo = (seq: number) =>
      (JSON.parse(documents.shopifyOrder(seq, [{ item: 0, quantity: 1 }]).toString()) as { shipping_address: { province_code: string; city: string } })
        .shipping_address;
    expect(shipTo(3)).toMatchObject({ province_code: 'TX', city: 'Dallas' });
    expect(shipTo(4)).toMatchObject({ province_code: 'GA', city: 'Atlanta' });
  });
});
