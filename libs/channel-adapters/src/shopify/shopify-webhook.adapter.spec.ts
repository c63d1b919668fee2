import type { ChannelOrder } from '@crossdock/contracts';
import type { AdapterOutcome } from '../core/adapter';
import { canonicalOrderId } from '../core/ids';
import { fixtureBytes, sampleMapping } from '../testing/fixtures';
import { signShopifyBody, verifyShopifyHmac } from './shopify-hmac';
import { mapShopifyOrder, ShopifyWebhookAdapter, type ShopifyWebhookDelivery } from './shopify-webhook.adapter';

const SECRET = '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';
const mapping = sampleMapping('acme-outdoor');
const adapter = new ShopifyWebhookAdapter({ secretFor: (account) => (account === 'acme-outdoor' ? SECRET : null) });
const context = { mapping, receivedAt: Date.UTC(2026, 10, 20, 14, 41, 19) };

function delivery(file: string, topic = 'orders/create', overrides: Record<string, string | undefined> = {}): ShopifyWebhookDelivery {
  const rawBody = fixtureBytes(`shopify/${file}`);
  return {
    rawBody,
    headers: {
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': signShopifyBody(rawBody, SECRET),
      'x-shopify-shop-domain': 'acme-outdoor.myshopify.com',
      'x-shopify-webhook-id': 'b1f7c8d2-4e3a-4f6b-9c1d-2a7e5f0b8c31',
      'x-shopify-api-version': '2026-10',
      'content-type': 'application/json',
      ...overrides,
    },
  };
}

function single(outcomes: readonly AdapterOutcome[]): AdapterOutcome {
  expect(outcomes).toHaveLength(1);
  return outcomes[0]!;
}

function order(d: ShopifyWebhookDelivery): ChannelOrder {
  const outcome = single(adapter.adapt(d, context).outcomes);
  if (outcome.kind !== 'ORDER') throw new Error(`expected an order, got ${JSON.stringify(outcome)}`);
  return outcome.order;
}

function rejection(d: ShopifyWebhookDelivery) {
  const outcome = single(adapter.adapt(d, context).outcomes);
  if (outcome.kind !== 'REJECTED') throw new Error(`expected a rejection, got ${outcome.kind}`);
  return outcome.rejection;
}

describe('verifyShopifyHmac', () => {
  const body = Buffer.from('{"id":1}');

  it('accepts the base64 HMAC-SHA256 of the raw body and refuses anything else', () => {
    // Known answer computed independently: printf '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(signShopifyBody(body, 'secret')).toBe('A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=');
    expect(verifyShopifyHmac(body, 'A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=', 'secret')).toBe(true);
    expect(verifyShopifyHmac(body, 'A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=', 'other-secret')).toBe(false);
    expect(verifyShopifyHmac(Buffer.from('{"id": 1}'), 'A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=', 'secret')).toBe(false);
  });

  it('refuses truncated, non-base64 and hex signatures without throwing', () => {
    const good = signShopifyBody(body, 'secret');
    expect(verifyShopifyHmac(body, good.slice(0, 20), 'secret')).toBe(false);
    expect(verifyShopifyHmac(body, 'not base64 at all!', 'secret')).toBe(false);
    expect(verifyShopifyHmac(body, Buffer.from(good, 'base64').toString('hex'), 'secret')).toBe(false);
    expect(verifyShopifyHmac(body, good, '')).toBe(false);
  });
});

describe('ShopifyWebhookAdapter orders/create', () => {
  const created = order(delivery('orders-create.json'));

  it('maps identity, customer and addresses', () => {
    expect(created).toMatchObject({
      eventType: 'CREATED',
      orderId: 'SHOPIFY:acme-outdoor:6120458731622',
      channel: 'SHOPIFY',
      channelAccountId: 'acme-outdoor',
      channelOrderId: '6120458731622',
      channelOrderNumber: '#1187',
      purchaseOrderNumber: null,
      isTest: false,
      fulfilledByChannel: false,
      currency: 'USD',
      pricesIncludeTax: false,
      sourceDeliveryId: 'b1f7c8d2-4e3a-4f6b-9c1d-2a7e5f0b8c31',
      placedAt: Date.parse('2026-11-20T14:41:17Z'),
      occurredAt: Date.parse('2026-11-20T14:41:17Z'),
      cancellation: null,
      notes: 'Gift - please leave out the packing slip prices',
      rawSource: null,
    });
    expect(created.orderId).toBe(canonicalOrderId('SHOPIFY', 'acme-outdoor', '6120458731622'));
    expect(created.eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created.customer).toEqual({
      channelCustomerId: '7405528383590',
      email: 'jordan.reyes@example.com',
      fullName: 'Jordan Reyes',
      companyName: null,
      phone: '+14045550187',
      b2bAccountRef: null,
      taxExemptionCertificateId: null,
    });
    expect(created.shipTo).toEqual({
      name: 'Sam Okafor',
      company: null,
      lines: ['1180 Peachtree St NE', 'Floor 9'],
      city: 'Atlanta',
      region: 'US-GA',
      postalCode: '30309',
      countryCode: 'US',
      phone: '+14045550142',
      locationCode: null,
    });
    expect(created.billTo).toMatchObject({ name: 'Jordan Reyes', lines: ['455 Ponce De Leon Ave NE', 'Apt 1204'], postalCode: '30308' });
  });

  it('maps every line with exact minor-unit amounts', () => {
    expect(created.lines).toEqual([
      {
        lineId: '15082391044198',
        channelSku: 'SHOP-TEE-BLK-M',
        channelProductId: '44892114976870',
        gtin: null,
        description: 'Trail Tee - Black / M',
        quantity: 2,
        unitOfMeasure: null,
        unitPriceMinor: 2499,
        lineSubtotalMinor: 4998,
        discountMinor: 500,
        taxMinor: 400,
        attributes: { product_id: '8241950556262', variant_title: 'Black / M', vendor: 'Acme Outdoor' },
      },
      expect.objectContaining({
        lineId: '15082391076966',
        channelSku: 'SHOP-HOODIE-GRY-L',
        quantity: 1,
        unitPriceMinor: 5999,
        lineSubtotalMinor: 5999,
        discountMinor: 0,
        taxMinor: 534,
        attributes: { product_id: '8241950589030', variant_title: 'Grey / L', vendor: 'Acme Outdoor', 'property:Monogram': 'JR' },
      }),
      expect.objectContaining({
        lineId: '15082391109734',
        channelSku: 'SHOP-BOTTLE-1L',
        quantity: 3,
        unitPriceMinor: 1450,
        lineSubtotalMinor: 4350,
        taxMinor: 387,
      }),
    ]);
  });

  it('maps totals, payment and shipping; the totals add up to what Shopify charged', () => {
    expect(created.totals).toEqual({ subtotalMinor: 15347, discountMinor: 500, shippingMinor: 995, taxMinor: 1410, totalMinor: 17252 });
    const t = created.totals;
    expect(t.subtotalMinor - t.discountMinor + t.shippingMinor + t.taxMinor).toBe(t.totalMinor);
    expect(created.payment).toEqual({
      status: 'CAPTURED',
      method: 'CARD',
      gateway: 'shopify_payments',
      transactionRef: null,
      paymentTerms: null,
      amountMinor: 17252,
    });
    expect(created.shipping).toEqual({
      channelMethodCode: 'Standard Shipping',
      serviceLevel: 'STANDARD',
      requestedCarrierCode: null,
      thirdPartyBillingAccount: null,
      shipBy: null,
      deliverBy: null,
      instructions: null,
    });
    expect(created.attributes).toMatchObject({
      source_name: 'web',
      tags: 'newsletter, returning-customer',
      order_number: '1187',
      'note:gift_message': 'Happy trails, Sam!',
    });
  });

  it('gives a retry of the same delivery and a second delivery of the same order the same eventId', () => {
    const retry = order(delivery('orders-create.json'));
    const redelivered = order(delivery('orders-create.json', 'orders/create', { 'x-shopify-webhook-id': '0c4e1a7b-9d2f-4b8e-a6c3-5f1d8e2b7a90' }));
    expect(retry).toEqual(created);
    expect(redelivered.eventId).toBe(created.eventId);
    expect(redelivered.sourceDeliveryId).toBe('0c4e1a7b-9d2f-4b8e-a6c3-5f1d8e2b7a90');
  });

  it('carries the archived payload reference from the gateway', () => {
    const rawSource = {
      uri: 's3://crossdock-raw/acme-outdoor/2026/11/20/b1f7c8d2.json',
      contentType: 'application/json',
      sha256: 'ab'.repeat(32),
      receivedAt: context.receivedAt,
    };
    const outcome = single(adapter.adapt(delivery('orders-create.json'), { ...context, rawSource }).outcomes);
    expect(outcome.kind === 'ORDER' && outcome.order.rawSource).toEqual(rawSource);
  });
});

describe("ShopifyWebhookAdapter ids beyond 2^53 (the orders/create example of Shopify's webhook documentation)", () => {
  const LARGE_IDS = 'orders-create.large-ids.json';
  /** The sample with `from` replaced by `to` in its text, signed again: the JSON stays as Shopify wrote it. */
  const edited = (from: string, to: string): ShopifyWebhookDelivery => {
    const d = delivery(LARGE_IDS);
    const text = d.rawBody.toString();
    expect(text).toContain(from);
    const rawBody = Buffer.from(text.replace(from, to));
    return { rawBody, headers: { ...d.headers, 'x-shopify-hmac-sha256': signShopifyBody(rawBody, SECRET) } };
  };

  it('keeps the exact digits of the order, line item and customer ids', () => {
    const created = order(delivery(LARGE_IDS));
    expect(created).toMatchObject({
      eventType: 'CREATED',
      orderId: 'SHOPIFY:acme-outdoor:820982911946154508',
      channelOrderId: '820982911946154508',
      channelOrderNumber: '#9999',
      isTest: true,
      customer: { channelCustomerId: '115310627314723954', email: 'jon@example.com', fullName: 'John Smith', companyName: 'Shipping Company' },
      shipTo: { name: 'Steve Shipper', region: 'US-KY', postalCode: '40003' },
      totals: { subtotalMinor: 39800, discountMinor: 2000, shippingMinor: 1000, taxMinor: 0, totalMinor: 38800 },
      payment: { status: 'VOIDED', gateway: 'visa', amountMinor: 0 },
      shipping: { channelMethodCode: 'Generic Shipping' },
    });
    expect(created.lines.map((l) => [l.lineId, l.channelSku, l.channelProductId, l.attributes['product_id']])).toEqual([
      ['866550311766439020', 'IPOD2008PINK', '808950810', '632910392'],
      ['141249953214522974', 'IPOD2008PINK', '808950810', '632910392'],
    ]);
  });

  it('reads the order id exactly from the JSON number when there is no GraphQL gid', () => {
    const withoutGid = order(edited('"admin_graphql_api_id": "gid://shopify/Order/820982911946154508",\n', ''));
    expect(withoutGid.channelOrderId).toBe('820982911946154508');
    expect(withoutGid.orderId).toBe('SHOPIFY:acme-outdoor:820982911946154508');
  });

  it('keeps the exact digits of variant and product ids beyond 2^53', () => {
    const d = edited('"product_id": 632910392,', '"product_id": 18014398509481985,');
    const rawBody = Buffer.from(d.rawBody.toString().replace('"variant_id": 808950810,', '"variant_id": 9007199254740993,'));
    const [line] = order({ rawBody, headers: { ...d.headers, 'x-shopify-hmac-sha256': signShopifyBody(rawBody, SECRET) } }).lines;
    expect(line).toMatchObject({ channelProductId: '9007199254740993', attributes: { product_id: '18014398509481985' } });
  });

  it('refuses, rather than publishes, an id that plain JSON.parse already rounded (archived payload replays)', () => {
    const rounded = JSON.parse(fixtureBytes(`shopify/${LARGE_IDS}`).toString()) as Record<string, unknown>;
    expect(() => mapShopifyOrder(rounded, 'CREATED', context, null)).toThrow('line_items[0].id 866550311766439000 is not an exact positive integer id');
  });
});

describe('ShopifyWebhookAdapter orders/cancelled', () => {
  it('maps a cancellation with the reason and a distinct, stable eventId', () => {
    const created = order(delivery('orders-create.json'));
    const cancelled = order(delivery('orders-cancelled.json', 'orders/cancelled'));
    expect(cancelled).toMatchObject({
      eventType: 'CANCELLED',
      orderId: created.orderId,
      cancellation: { reasonCode: 'customer', reason: null, lines: [] },
      placedAt: created.placedAt,
      occurredAt: Date.parse('2026-11-20T16:02:44Z'),
      payment: { status: 'REFUNDED' },
    });
    expect(cancelled.eventId).not.toBe(created.eventId);
    expect(order(delivery('orders-cancelled.json', 'orders/cancelled')).eventId).toBe(cancelled.eventId);
  });

  it('rejects a cancellation without cancelled_at', () => {
    expect(rejection(delivery('orders-create.json', 'orders/cancelled'))).toMatchObject({ code: 'FIELD_MISSING', field: 'cancelled_at' });
  });
});

describe('ShopifyWebhookAdapter rejections', () => {
  it('rejects an unsigned webhook with SIGNATURE_MISSING (HTTP 401)', () => {
    expect(rejection(delivery('orders-create.json', 'orders/create', { 'x-shopify-hmac-sha256': undefined }))).toMatchObject({
      code: 'SIGNATURE_MISSING',
      field: 'header:X-Shopify-Hmac-Sha256',
    });
  });

  it('rejects a signature made with another secret, and a body changed after signing', () => {
    const d = delivery('orders-create.json');
    const wrongSecret = { ...d, headers: { ...d.headers, 'x-shopify-hmac-sha256': signShopifyBody(d.rawBody, 'shpss_not_ours') } };
    expect(rejection(wrongSecret).code).toBe('SIGNATURE_INVALID');
    const tampered = { ...d, rawBody: Buffer.from(d.rawBody.toString().replace('"24.99"', '"0.99"')) };
    expect(rejection(tampered).code).toBe('SIGNATURE_INVALID');
  });

  it('rejects signature before anything else, even for garbage bodies', () => {
    const d = delivery('orders-create.truncated.json', 'orders/create', { 'x-shopify-hmac-sha256': 'AAAA' });
    expect(rejection(d).code).toBe('SIGNATURE_INVALID');
  });

  it('rejects when no secret is configured for the account', () => {
    const noSecret = new ShopifyWebhookAdapter({ secretFor: () => null });
    const outcome = single(noSecret.adapt(delivery('orders-create.json'), context).outcomes);
    expect(outcome.kind === 'REJECTED' && outcome.rejection.code).toBe('SIGNATURE_INVALID');
  });

  it('rejects another shop, an unhandled topic and a truncated body', () => {
    expect(rejection(delivery('orders-create.json', 'orders/create', { 'x-shopify-shop-domain': 'someone-else.myshopify.com' })).code).toBe('ACCOUNT_UNKNOWN');
    expect(rejection(delivery('orders-create.json', 'orders/updated'))).toMatchObject({ code: 'DOCUMENT_UNSUPPORTED', field: 'header:X-Shopify-Topic' });
    expect(rejection(delivery('orders-create.truncated.json'))).toMatchObject({ code: 'PAYLOAD_MALFORMED', channelOrderId: null });
  });

  it.each([
    ['orders-create.bad-price.json', 'AMOUNT_INVALID', 'line_items[1].price'],
    ['orders-create.missing-sku.json', 'FIELD_MISSING', 'line_items[2].sku'],
    ['orders-create.no-shipping-address.json', 'FIELD_MISSING', 'shipping_address'],
    ['orders-create.zero-quantity.json', 'QUANTITY_INVALID', 'line_items[0].quantity'],
  ])('rejects %s with %s at %s, naming the order', (file, code, field) => {
    expect(rejection(delivery(file))).toMatchObject({ code, field, channelOrderId: '6120458731622' });
  });

  it.each([
    [
      'a float price',
      (o: Record<string, unknown>) => ((o['line_items'] as Record<string, unknown>[])[0]!['price'] = 24.99),
      'AMOUNT_INVALID',
      'line_items[0].price',
    ],
    ['a negative total', (o: Record<string, unknown>) => (o['total_price'] = '-1.00'), 'AMOUNT_INVALID', 'total_price'],
    ['an unknown currency', (o: Record<string, unknown>) => (o['currency'] = 'XXY'), 'CURRENCY_INVALID', 'currency'],
    ['no line items', (o: Record<string, unknown>) => (o['line_items'] = []), 'NO_LINES', 'line_items'],
    ['a date without offset', (o: Record<string, unknown>) => (o['created_at'] = '2026-11-20 09:41:17'), 'DATE_INVALID', 'created_at'],
    ['an unknown financial status', (o: Record<string, unknown>) => (o['financial_status'] = 'mostly_paid'), 'FIELD_INVALID', 'financial_status'],
    [
      'a 3-letter country',
      (o: Record<string, unknown>) => ((o['shipping_address'] as Record<string, unknown>)['country_code'] = 'USA'),
      'FIELD_INVALID',
      'shipping_address.country_code',
    ],
  ])('rejects %s', (_name, mutate, code, field) => {
    const body = JSON.parse(fixtureBytes('shopify/orders-create.json').toString()) as Record<string, unknown>;
    mutate(body);
    const rawBody = Buffer.from(JSON.stringify(body));
    const d = delivery('orders-create.json');
    expect(rejection({ rawBody, headers: { ...d.headers, 'x-shopify-hmac-sha256': signShopifyBody(rawBody, SECRET) } })).toMatchObject({ code, field });
  });
});
