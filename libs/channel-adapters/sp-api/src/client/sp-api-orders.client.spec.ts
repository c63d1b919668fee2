import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AmazonOrderPoller, parseChannelMapping, type AmazonPollCursor, type PolledOrder } from '@crossdock/channel-adapters';
import { StaticAccessToken } from '../auth/sp-api-access-token';
import { sampleAmazonOrders } from '../simulator/sample-amazon-orders';
import { startSpApiSimulator, type SpApiSimulator } from '../simulator/sp-api-simulator.http';
import { retryAfterMs, SpApiError } from './sp-api.error';
import { SpApiOrdersClient } from './sp-api-orders.client';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const TOKEN = 'Atza|simulated-access-token';
const amazonUs = parseChannelMapping(JSON.parse(readFileSync(join(__dirname, '../../../mappings/amazon-us.json'), 'utf8')));

describe('SpApiOrdersClient against the SP-API simulator', () => {
  let sim: SpApiSimulator;
  let client: SpApiOrdersClient;

  beforeAll(async () => {
    sim = await startSpApiSimulator({ clock: () => NOW, pageSize: 2, itemsPageSize: 1, accessToken: TOKEN, settleMs: 120_000 });
    for (const { order, items } of sampleAmazonOrders(NOW - 5 * 60_000)) sim.seller.put(order, items);
    client = new SpApiOrdersClient({ endpoint: `${sim.baseUrl}/`, marketplaceIds: ['ATVPDKIKX0DER'], tokens: new StaticAccessToken(TOKEN) });
  });

  afterAll(() => sim.stop());
  afterEach(() => sim.seller.recover());

  it('pages getOrders with NextToken and getOrderItems with its own NextToken', async () => {
    const window = { lastUpdatedAfter: new Date(NOW - 3 * 3_600_000).toISOString(), lastUpdatedBefore: new Date(NOW - 120_000).toISOString() };
    const first = await client.getOrders({ ...window, nextToken: null });
    expect(first.payload?.Orders).toHaveLength(2);
    expect(first.payload?.NextToken).toEqual(expect.any(String));
    const second = await client.getOrders({ ...window, nextToken: first.payload!.NextToken! });
    const third = await client.getOrders({ ...window, nextToken: second.payload!.NextToken! });
    expect(third.payload?.NextToken).toBeUndefined();
    const ids = [...first.payload!.Orders, ...second.payload!.Orders, ...third.payload!.Orders].map((o) => o.AmazonOrderId);
    expect(new Set(ids).size).toBe(5);

    const items1 = await client.getOrderItems('113-4829105-7731446', null);
    const items2 = await client.getOrderItems('113-4829105-7731446', items1.payload!.NextToken!);
    expect([...items1.payload!.OrderItems, ...items2.payload!.OrderItems].map((i) => i.SellerSKU)).toEqual(['AMZ-TEE-BLK-M', expect.any(String)]);
    expect(items2.payload?.NextToken).toBeUndefined();
  });

  it('drives the library poller end to end: every non-pending sample becomes one outcome, once', async () => {
    let cursor: AmazonPollCursor | null = null;
    const emitted: PolledOrder[] = [];
    const poller = new AmazonOrderPoller({
      api: client,
      cursors: { load: async () => cursor, save: async (c) => void (cursor = c) },
      emit: async (batch) => void emitted.push(...batch),
      context: { mapping: amazonUs },
      initialWatermark: new Date(NOW - 3 * 3_600_000).toISOString(),
      now: () => NOW,
    });
    await poller.pollOnce();
    await poller.pollOnce();
    expect(emitted.map((p) => [p.amazonOrderId, p.outcome.kind])).toEqual([
      ['113-4829105-7731446', 'ORDER'],
      ['111-7760243-8830617', 'ORDER'],
      ['113-5518273-4410968', 'ORDER'],
      ['112-0093817-5502633', 'SKIPPED'],
      ['114-3941765-2209841', 'ORDER'],
    ]);
  });

  it('refuses a window ending less than two minutes ago, as SP-API does', async () => {
    const error = await client
      .getOrders({ lastUpdatedAfter: new Date(NOW - 60_000).toISOString(), lastUpdatedBefore: new Date(NOW).toISOString(), nextToken: null })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpApiError);
    expect(error).toMatchObject({ status: 400, code: 'InvalidInput', transient: false });
  });

  it('turns throttling into a transient error that says when to come back', async () => {
    sim.seller.fail(429, 1);
    const error = await client.getOrderItems('113-4829105-7731446', null).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: 'QuotaExceeded', transient: true, retryAfterMs: 59_881 });
    await expect(client.getOrderItems('113-4829105-7731446', null)).resolves.toMatchObject({ payload: { AmazonOrderId: '113-4829105-7731446' } });
  });

  it('reports outages and a revoked token distinctly', async () => {
    sim.seller.fail(503);
    await expect(client.getOrderItems('113-4829105-7731446', null)).rejects.toMatchObject({ status: 503, code: 'ServiceUnavailable', transient: true });
    sim.seller.recover();
    const revoked = new SpApiOrdersClient({ endpoint: sim.baseUrl, marketplaceIds: ['ATVPDKIKX0DER'], tokens: new StaticAccessToken('Atza|revoked') });
    await expect(revoked.getOrderItems('113-4829105-7731446', null)).rejects.toMatchObject({ status: 403, code: 'Unauthorized', transient: false });
  });

  it('reports an unreachable endpoint as transient, without a status', async () => {
    const nowhere = new SpApiOrdersClient({
      endpoint: 'http://127.0.0.1:9',
      marketplaceIds: ['ATVPDKIKX0DER'],
      tokens: new StaticAccessToken(TOKEN),
      timeoutMs: 2_000,
    });
    await expect(nowhere.getOrderItems('113-4829105-7731446', null)).rejects.toMatchObject({ status: null, transient: true });
  });
});

describe('retryAfterMs', () => {
  it('reads Retry-After seconds or dates, else the rate limit on a 429', () => {
    expect(retryAfterMs(503, new Headers({ 'retry-after': '7' }))).toBe(7_000);
    expect(retryAfterMs(503, new Headers({ 'retry-after': 'Fri, 27 Nov 2026 12:00:30 GMT' }), NOW)).toBe(30_000);
    expect(retryAfterMs(429, new Headers({ 'x-amzn-ratelimit-limit': '0.5' }))).toBe(2_000);
    expect(retryAfterMs(500, new Headers({ 'x-amzn-ratelimit-limit': '0.5' }))).toBeNull();
  });
});
