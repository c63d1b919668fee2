import { randomBytes } from 'node:crypto';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { startTelemetry, type TelemetryHandle } from '@crossdock/observability';
import { waitForTrace } from '@crossdock/observability/testing';
import { createTestNamespace, waitFor, type TopicRecorder } from '@crossdock/testing';
import { fixture, GatewayHarness, postShopifyWebhook, shopifyOrderBody } from '../test-support/channel-gateway.harness';

const h = new GatewayHarness('shopify');
let nextId = 6200000000000;
const newOrderId = () => String((nextId += 1));

describe('Shopify webhooks on the real stack', () => {
  let telemetry: TelemetryHandle;
  let service: RunningService;
  let baseUrl: string;
  let orders: TopicRecorder<ChannelOrder>;
  const recordsOf = (orderId: string) => orders.records.filter((r) => r.value.orderId === `SHOPIFY:acme-outdoor:${orderId}`);

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'channel-gateway', otlpEndpoint: h.env.otlpEndpoint });
    await h.setUp();
    orders = await h.record(Topics.channelOrders);
    ({ service, baseUrl } = await h.startService());
  });

  afterAll(async () => {
    await service?.stop();
    await h.tearDown();
    await telemetry?.shutdown();
  });

  it('publishes a signed orders/create once Kafka acknowledged it, keyed by order id, decodable, in the caller trace', async () => {
    const id = newOrderId();
    const traceId = randomBytes(16).toString('hex');
    const answer = await postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.json', id), {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, 'x-shopify-webhook-id': 'b1f7c8d2-4e3a-4f6b-9c1d-2a7e5f0b8c31' },
    });

    expect(answer).toEqual({
      status: 200,
      body: { status: 'published', orderId: `SHOPIFY:acme-outdoor:${id}`, eventId: expect.any(String), eventType: 'CREATED' },
    });
    const [record] = await waitFor(() => (recordsOf(id).length > 0 ? recordsOf(id) : undefined), { what: `order ${id} on the topic` });
    expect(record?.key).toBe(`SHOPIFY:acme-outdoor:${id}`);
    expect(record?.value).toMatchObject({
      eventId: answer.body['eventId'],
      eventType: 'CREATED',
      channel: 'SHOPIFY',
      channelOrderNumber: '#1187',
      sourceDeliveryId: 'b1f7c8d2-4e3a-4f6b-9c1d-2a7e5f0b8c31',
      totals: { totalMinor: 17252 },
    });
    expect(record?.value.lines.map((l) => l.channelSku)).toEqual(['SHOP-TEE-BLK-M', 'SHOP-HOODIE-GRY-L', 'SHOP-BOTTLE-1L']);
    expect(record?.headers).toMatchObject({ 'crossdock-correlation-id': `SHOPIFY:acme-outdoor:${id}`, 'crossdock-idempotency-key': answer.body['eventId'] });
    expect(record?.headers['traceparent']?.split('-')[1]).toBe(traceId);

    const expected = ['shopify webhook receive', `${Topics.channelOrders.name} send`];
    const seen = await waitFor(
      async () => {
        await telemetry.flush();
        const trace = await waitForTrace(h.env.jaegerQueryUrl, traceId, { minSpans: 1, timeoutMs: 5_000 });
        const names = trace.spans.map((s) => s.operationName);
        return expected.every((n) => names.includes(n)) ? names : undefined;
      },
      { what: `spans ${expected.join(', ')} in trace ${traceId}`, timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(seen).toEqual(expect.arrayContaining(expected));
  });

  it("publishes the orders/create example of Shopify's webhook documentation with its ids beyond 2^53 digit for digit", async () => {
    const orderId = '820982911946154508';
    const answer = await postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, fixture('shopify/orders-create.large-ids.json'));
    expect(answer).toMatchObject({ status: 200, body: { status: 'published', orderId: `SHOPIFY:acme-outdoor:${orderId}`, eventType: 'CREATED' } });

    const [record] = await waitFor(() => (recordsOf(orderId).length > 0 ? recordsOf(orderId) : undefined), { what: `order ${orderId} on the topic` });
    expect(record?.key).toBe(`SHOPIFY:acme-outdoor:${orderId}`);
    expect(record?.value).toMatchObject({ channelOrderId: orderId, channelOrderNumber: '#9999', customer: { channelCustomerId: '115310627314723954' } });
    expect(record?.value.lines.map((l) => l.lineId)).toEqual(['866550311766439020', '141249953214522974']);
  });

  it('publishes a retried delivery again with the same eventId, and a cancellation on the same key', async () => {
    const id = newOrderId();
    const body = shopifyOrderBody('orders-create.json', id);
    const first = await postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, body, { headers: { 'x-shopify-webhook-id': 'retry-me' } });
    const retry = await postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, body, { headers: { 'x-shopify-webhook-id': 'retry-me' } });
    const cancel = await postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-cancelled.json', id), {
      topic: 'orders/cancelled',
    });
    expect([first.status, retry.status, cancel.status]).toEqual([200, 200, 200]);

    const records = await waitFor(() => (recordsOf(id).length === 3 ? recordsOf(id) : undefined), { what: `three events of order ${id}` });
    expect(records.map((r) => r.value.eventType).sort()).toEqual(['CANCELLED', 'CREATED', 'CREATED']);
    const created = records.filter((r) => r.value.eventType === 'CREATED');
    expect(created[0]?.value.eventId).toBe(created[1]?.value.eventId);
    expect(new Set(records.map((r) => r.partition)).size).toBe(1);
  });

  it('routes a webhook without account in the URL by X-Shopify-Shop-Domain', async () => {
    const id = newOrderId();
    const answer = await postShopifyWebhook(`${baseUrl}/webhooks/shopify`, shopifyOrderBody('orders-create.json', id));
    expect(answer).toMatchObject({ status: 200, body: { orderId: `SHOPIFY:acme-outdoor:${id}` } });
    await waitFor(() => (recordsOf(id).length === 1 ? true : undefined), { what: `order ${id} on the topic` });
  });

  it('answers 401 to a bad or missing signature, and 4xx naming code and field to what cannot be used; publishes none of them', async () => {
    const cases: Array<{
      name: string;
      id: string;
      send: (id: string) => ReturnType<typeof postShopifyWebhook>;
      status: number;
      code: string;
      field: string | null;
    }> = [
      {
        name: 'wrong secret',
        id: newOrderId(),
        send: (id) => postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.json', id), { secret: 'shpss_not_ours' }),
        status: 401,
        code: 'SIGNATURE_INVALID',
        field: 'header:X-Shopify-Hmac-Sha256',
      },
      {
        name: 'no signature',
        id: newOrderId(),
        send: (id) =>
          postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.json', id), {
            headers: { 'x-shopify-hmac-sha256': null },
          }),
        status: 401,
        code: 'SIGNATURE_MISSING',
        field: 'header:X-Shopify-Hmac-Sha256',
      },
      {
        name: 'bad price',
        id: newOrderId(),
        send: (id) => postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.bad-price.json', id)),
        status: 422,
        code: 'AMOUNT_INVALID',
        field: 'line_items[1].price',
      },
      {
        name: 'missing sku',
        id: newOrderId(),
        send: (id) => postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.missing-sku.json', id)),
        status: 422,
        code: 'FIELD_MISSING',
        field: 'line_items[2].sku',
      },
      {
        name: 'truncated JSON',
        id: newOrderId(),
        send: () => postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, fixture('shopify/orders-create.truncated.json')),
        status: 400,
        code: 'PAYLOAD_MALFORMED',
        field: null,
      },
      {
        name: 'unknown topic',
        id: newOrderId(),
        send: (id) => postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.json', id), { topic: 'orders/updated' }),
        status: 400,
        code: 'DOCUMENT_UNSUPPORTED',
        field: 'header:X-Shopify-Topic',
      },
      {
        name: 'unknown account',
        id: newOrderId(),
        send: (id) => postShopifyWebhook(`${baseUrl}/webhooks/shopify/other-shop`, shopifyOrderBody('orders-create.json', id)),
        status: 404,
        code: 'ACCOUNT_UNKNOWN',
        field: 'path:accountId',
      },
      {
        name: 'unknown shop domain',
        id: newOrderId(),
        send: (id) =>
          postShopifyWebhook(`${baseUrl}/webhooks/shopify`, shopifyOrderBody('orders-create.json', id), {
            headers: { 'x-shopify-shop-domain': 'evil.myshopify.com' },
          }),
        status: 401,
        code: 'ACCOUNT_UNKNOWN',
        field: 'header:X-Shopify-Shop-Domain',
      },
    ];
    for (const c of cases) {
      const answer = await c.send(c.id);
      expect({ name: c.name, status: answer.status, code: answer.body['code'], field: answer.body['field'] }).toEqual({
        name: c.name,
        status: c.status,
        code: c.code,
        field: c.field,
      });
      expect(answer.body['status']).toBe('rejected');
      expect(String(answer.body['message'])).not.toBe('');
    }

    // A webhook is answered only after its publish was acknowledged: read to the topic's end, none of them is there.
    await orders.caughtUp();
    for (const c of cases) expect({ name: c.name, published: recordsOf(c.id).length }).toEqual({ name: c.name, published: 0 });
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    const answer = await postShopifyWebhook(`${baseUrl}/webhooks/shopify/acme-outdoor`, Buffer.alloc(6 * 1024 * 1024, 0x20));
    expect(answer).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('answers 503 when Kafka does not acknowledge, so Shopify retries', async () => {
    // A namespace whose topics and schemas were never created: the publish cannot be acknowledged.
    const broken = await h.startService({ TOPIC_NAMESPACE: createTestNamespace('shopify-unacked'), HTTP_PORT: '0' });
    try {
      const answer = await postShopifyWebhook(`${broken.baseUrl}/webhooks/shopify/acme-outdoor`, shopifyOrderBody('orders-create.json', newOrderId()));
      expect(answer).toMatchObject({ status: 503, body: { status: 'unavailable', code: 'PUBLISH_FAILED' } });
    } finally {
      await broken.service.stop();
    }
  });

  it('reports ready, and counts deliveries by outcome and rejections by code', async () => {
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { 'kafka-producer': { ready: true }, database: { ready: true } } });
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/crossdock_channel_gateway_deliveries_total\{[^}]*channel="SHOPIFY"[^}]*outcome="published"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/crossdock_channel_gateway_rejections_total\{[^}]*code="SIGNATURE_INVALID"[^}]*\} [1-9]/);
  });
});
