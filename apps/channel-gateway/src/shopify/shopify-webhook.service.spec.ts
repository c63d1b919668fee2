import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { signShopifyBody } from '@crossdock/channel-adapters';
import type { ChannelOrder } from '@crossdock/contracts';
import { loadChannelAccounts } from '../config/channel-accounts';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';
import type { ChannelOrderPublisher } from '../publishing/channel-order.publisher';
import { ShopifyWebhookService } from './shopify-webhook.service';

const SECRET = 'shpss_unit';
const LIBS = join(__dirname, '../../../../libs/channel-adapters');
const accounts = loadChannelAccounts({ CHANNEL_MAPPINGS_DIR: join(LIBS, 'mappings'), CHANNEL_ACCOUNTS: [] }, { SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR: SECRET });
const body = readFileSync(join(LIBS, 'fixtures/shopify/orders-create.json'));

class FakePublisher {
  readonly published: ChannelOrder[] = [];
  behaviour: 'ack' | 'fail' | 'hang' = 'ack';
  publish(orders: readonly ChannelOrder[]): Promise<void> {
    if (this.behaviour === 'fail') return Promise.reject(new Error('broker not available'));
    if (this.behaviour === 'hang') return new Promise(() => undefined);
    this.published.push(...orders);
    return Promise.resolve();
  }
}

function setUp() {
  const publisher = new FakePublisher();
  const config = { WEBHOOK_PUBLISH_TIMEOUT_MS: 50 } as ChannelGatewayConfig;
  const service = new ShopifyWebhookService(accounts, publisher as unknown as ChannelOrderPublisher, config, pino({ level: 'silent' }));
  const headers = (overrides: Record<string, string> = {}) => ({
    'x-shopify-topic': 'orders/create',
    'x-shopify-hmac-sha256': signShopifyBody(body, SECRET),
    'x-shopify-shop-domain': 'acme-outdoor.myshopify.com',
    'x-shopify-webhook-id': 'wh-1',
    ...overrides,
  });
  return { publisher, service, headers };
}

describe('ShopifyWebhookService', () => {
  it('answers 200 with the event identity only after the publisher resolved', async () => {
    const { publisher, service, headers } = setUp();
    const answer = await service.receive({ accountId: 'acme-outdoor', rawBody: body, headers: headers() });
    expect(answer).toEqual({
      status: 200,
      body: { status: 'published', orderId: 'SHOPIFY:acme-outdoor:6120458731622', eventId: publisher.published[0]?.eventId, eventType: 'CREATED' },
    });
  });

  it('answers 503 PUBLISH_FAILED when the publish fails or is not acknowledged in time', async () => {
    const { publisher, service, headers } = setUp();
    publisher.behaviour = 'fail';
    expect(await service.receive({ accountId: 'acme-outdoor', rawBody: body, headers: headers() })).toMatchObject({
      status: 503,
      body: { code: 'PUBLISH_FAILED' },
    });
    publisher.behaviour = 'hang';
    expect(await service.receive({ accountId: 'acme-outdoor', rawBody: body, headers: headers() })).toMatchObject({
      status: 503,
      body: { code: 'PUBLISH_FAILED' },
    });
    expect(publisher.published).toEqual([]);
  });

  it('refuses with the adapter reason: 401 for signatures and unknown shop domains, 404 for an unknown account in the URL, 400 for topics', async () => {
    const { publisher, service, headers } = setUp();
    const answers = await Promise.all([
      service.receive({ accountId: 'acme-outdoor', rawBody: body, headers: headers({ 'x-shopify-hmac-sha256': signShopifyBody(body, 'other') }) }),
      service.receive({ accountId: 'amazon-us', rawBody: body, headers: headers() }),
      service.receive({ accountId: null, rawBody: body, headers: headers({ 'x-shopify-shop-domain': 'unknown.myshopify.com' }) }),
      service.receive({ accountId: 'acme-outdoor', rawBody: body, headers: headers({ 'x-shopify-topic': 'products/update' }) }),
    ]);
    expect(answers.map((a) => [a.status, 'code' in a.body ? a.body.code : null, 'field' in a.body ? a.body.field : null])).toEqual([
      [401, 'SIGNATURE_INVALID', 'header:X-Shopify-Hmac-Sha256'],
      [404, 'ACCOUNT_UNKNOWN', 'path:accountId'],
      [401, 'ACCOUNT_UNKNOWN', 'header:X-Shopify-Shop-Domain'],
      [400, 'DOCUMENT_UNSUPPORTED', 'header:X-Shopify-Topic'],
    ]);
    expect(publisher.published).toEqual([]);
  });

  it('routes by shop domain when the URL names no account', async () => {
    const { publisher, service, headers } = setUp();
    expect((await service.receive({ accountId: null, rawBody: body, headers: headers() })).status).toBe(200);
    expect(publisher.published.map((o) => o.channelAccountId)).toEqual(['acme-outdoor']);
  });
});
