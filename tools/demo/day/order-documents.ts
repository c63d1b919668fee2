import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newAmazonOrder, sampleAmazonOrders, type SampleAmazonOrder } from '@crossdock/channel-adapters/sp-api';
import { REPO_ROOT } from '@crossdock/testing';
import { channelSku } from '../hub/channel-skus';
import type { OrderLinePick } from './day-script';

const FIXTURES = join(REPO_ROOT, 'libs/channel-adapters/fixtures');
const SHOPIFY_TEMPLATE_ID = '6120458731622';
const SHOPIFY_TEMPLATE_SKUS = ['SHOP-TEE-BLK-M', 'SHOP-HOODIE-GRY-L', 'SHOP-BOTTLE-1L'];
const DALLAS_ADDRESS = {
  address1: '2100 Ross Ave',
  address2: 'Suite 400',
  city: 'Dallas',
  province: 'Texas',
  province_code: 'TX',
  zip: '75201',
  latitude: 32.7886,
  longitude: -96.7982,
};
const AMAZON_TEMPLATE_ID = '113-4829105-7731446';

/**
 * Channel documents for the demo, shaped like the real samples in libs/channel-adapters/fixtures:
 * the sample's structure, prices and quantities (so totals stay consistent) with the demo's order id
 * and catalog SKUs. `run` makes ids unique per demo run, since order-ingest remembers every order.
 */
export class OrderDocuments {
  private readonly shopifyTemplate = readFileSync(join(FIXTURES, 'shopify/orders-create.json'), 'utf8');
  private readonly amazonTemplate: SampleAmazonOrder;

  constructor(
    private readonly skus: readonly string[],
    private readonly run: number,
  ) {
    const template = sampleAmazonOrders(Date.now()).find((o) => o.order.AmazonOrderId === AMAZON_TEMPLATE_ID);
    if (!template) throw new Error(`Amazon sample ${AMAZON_TEMPLATE_ID} missing from the fixtures`);
    this.amazonTemplate = template;
  }

  shopifyOrderId(seq: number): string {
    return `${this.run % 100_000_000}${String(seq).padStart(5, '0')}`;
  }

  /**
   * orders/create webhook body: the sample's three lines, SKUs from the picks (or `skuOverride`).
   * Every third order ships to Dallas, which the routing sends to the Dallas 3PL first; the rest
   * keep the sample's Atlanta address.
   */
  shopifyOrder(seq: number, lines: readonly OrderLinePick[], skuOverride?: string): Buffer {
    let body = this.shopifyTemplate.replaceAll(SHOPIFY_TEMPLATE_ID, this.shopifyOrderId(seq));
    SHOPIFY_TEMPLATE_SKUS.forEach((templateSku, i) => {
      const pick = lines[i % lines.length];
      const sku = skuOverride ?? channelSku.shopify(this.sku(pick?.item ?? 0));
      body = body.replaceAll(`"${templateSku}"`, JSON.stringify(sku));
    });
    if (seq % 3 !== 0) return Buffer.from(body);
    const order = JSON.parse(body) as { shipping_address: Record<string, unknown> };
    order.shipping_address = { ...order.shipping_address, ...DALLAS_ADDRESS };
    return Buffer.from(JSON.stringify(order));
  }

  /** A Shopify body cut off mid-way: what a broken proxy delivers. */
  truncatedShopifyOrder(): Buffer {
    return readFileSync(join(FIXTURES, 'shopify/orders-create.truncated.json'));
  }

  amazonOrderId(seq: number): string {
    return `9${String(this.run % 100).padStart(2, '0')}-${String(Math.floor(this.run / 100) % 10_000_000).padStart(7, '0')}-${String(seq).padStart(7, '0')}`;
  }

  /** An unshipped merchant-fulfilled order as Seller Central lists it, updated `at`. */
  amazonOrder(seq: number, lines: readonly OrderLinePick[], at: number): SampleAmazonOrder {
    const fresh = newAmazonOrder(this.amazonTemplate, this.amazonOrderId(seq), at);
    return {
      order: fresh.order,
      items: fresh.items.map((item, i) => ({ ...item, SellerSKU: channelSku.amazon(this.sku(lines[i % lines.length]?.item ?? 0)) })),
    };
  }

  ediPurchaseOrder(seq: number): string {
    return `D${this.run % 100_000_000}${String(seq).padStart(5, '0')}`;
  }

  /** One X12 850 interchange from Summit Outfitters for its Columbus DC. */
  edi850(seq: number, lines: readonly OrderLinePick[], at: Date): string {
    const yymmdd = at.toISOString().slice(2, 10).replace(/-/g, '');
    const ccyymmdd = at.toISOString().slice(0, 10).replace(/-/g, '');
    const due = new Date(at.getTime() + 7 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const hhmm = at.toISOString().slice(11, 16).replace(':', '');
    const control = String((this.run * 1000 + seq) % 1_000_000_000).padStart(9, '0');
    const group = String(Number(control) % 1_000_000_000);
    const body = [
      `ST*850*0001`,
      `BEG*00*SA*${this.ediPurchaseOrder(seq)}**${ccyymmdd}`,
      `REF*DP*087`,
      `ITD*14*3*****30`,
      `DTM*002*${due}`,
      `TD5*O*2*UPSN*U*GROUND`,
      `N1*BY*Summit Outfitters Inc*UL*0614141000005`,
      `N1*ST*Summit Outfitters Regional DC*92*9001`,
      `N3*2800 Port Columbus Blvd`,
      `N4*Columbus*OH*43219*US`,
      ...lines.map((line, i) => `PO1*${i + 1}*${line.quantity}*EA*24.50**IN*${channelSku.edi(line.item)}*VN*${this.sku(line.item)}`),
      `CTT*${lines.length}*${lines.reduce((sum, l) => sum + l.quantity, 0)}`,
    ];
    const segments = [
      `ISA*00*          *00*          *ZZ*SUMMITOUTFIT   *ZZ*CROSSDOCKDIST  *${yymmdd}*${hhmm}*U*00401*${control}*0*P*>`,
      `GS*PO*SUMMITOUTFIT*CROSSDOCKDIST*${ccyymmdd}*${hhmm}*${group}*X*004010`,
      ...body,
      `SE*${body.length + 1}*0001`,
      `GE*1*${group}`,
      `IEA*1*${control}`,
    ];
    return `${segments.join('~\n')}~\n`;
  }

  /** Not X12 at all: a partner's spreadsheet export dropped in the wrong folder. */
  badEdiFile(): string {
    return readFileSync(join(FIXTURES, 'edi/850-not-x12.txt'), 'utf8');
  }

  sku(item: number): string {
    const sku = this.skus[item];
    if (sku === undefined) throw new Error(`catalog has no item ${item}`);
    return sku;
  }
}
