import { Topics, type ChannelOrder } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { startTelemetry, type TelemetryHandle } from '@crossdock/observability';
import { newAmazonOrder, sampleAmazonOrders, startSpApiSimulator, type SampleAmazonOrder, type SpApiSimulator } from '@crossdock/channel-adapters/sp-api';
import { metricValue, type TopicRecorder, waitFor } from '@crossdock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import { GatewayHarness } from '../test-support/channel-gateway.harness';

const h = new GatewayHarness('amazon');
const TOKEN = 'Atza|it-simulated-token';
const LOOP = 'amazon:amazon-us';

describe('Amazon SP-API polling on the real stack', () => {
  let telemetry: TelemetryHandle;
  let sim: SpApiSimulator;
  let orders: TopicRecorder<ChannelOrder>;
  let samples: SampleAmazonOrder[];
  let service: RunningService | undefined;
  let baseUrl: string;
  const byAmazonId = (id: string) => orders.values().filter((o) => o.channelOrderId === id);
  const start = async () => {
    ({ service, baseUrl } = await h.startService({
      CHANNEL_ACCOUNTS: 'amazon-us',
      SP_API_ENDPOINT: sim.baseUrl,
      SP_API_ACCESS_TOKEN: TOKEN,
      AMAZON_POLL_INTERVAL_MS: '250',
      AMAZON_BACKOFF_INITIAL_MS: '100',
      AMAZON_BACKOFF_MAX_MS: '1000',
      AMAZON_SETTLE_MS: '0',
      // Every sample stays inside the re-read window, so a restart must filter all of them by the cursor.
      AMAZON_OVERLAP_MS: String(4 * 3_600_000),
      AMAZON_BATCH_SIZE: '2',
    }));
  };
  /** Waits until the poller completed `rounds` more successful polls than now. */
  const pollsPass = async (rounds: number) => {
    const before = await metricValue(baseUrl, 'crossdock_channel_gateway_polls_total', { loop: LOOP, result: 'ok' });
    await waitFor(
      async () => ((await metricValue(baseUrl, 'crossdock_channel_gateway_polls_total', { loop: LOOP, result: 'ok' })) >= before + rounds ? true : undefined),
      {
        what: `${rounds} more successful polls`,
      },
    );
  };

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'channel-gateway', otlpEndpoint: h.env.otlpEndpoint });
    await h.setUp();
    orders = await h.record(Topics.channelOrders);
    sim = await startSpApiSimulator({ accessToken: TOKEN, pageSize: 2, itemsPageSize: 1 });
    samples = sampleAmazonOrders(Date.now() - 60_000);
    for (const { order, items } of samples) sim.seller.put(order, items);
    await start();
  });

  afterAll(async () => {
    await service?.stop();
    await sim?.stop();
    await h.tearDown();
    await telemetry?.shutdown();
  });

  it('publishes every order version once, each in a trace of its own; a restart neither skips nor re-emits', async () => {
    await waitFor(() => (orders.records.length >= 4 ? true : undefined), { what: 'the four non-pending samples' });
    await pollsPass(2);
    expect(
      orders
        .values()
        .map((o) => [o.channelOrderId, o.eventType])
        .sort(),
    ).toEqual([
      ['111-7760243-8830617', 'CANCELLED'],
      ['113-4829105-7731446', 'CREATED'],
      ['113-5518273-4410968', 'CREATED'],
      ['114-3941765-2209841', 'CREATED'],
    ]);
    expect(orders.records.every((r) => r.key === r.value.orderId && r.key.startsWith('AMAZON:amazon-us:'))).toBe(true);
    expect(new Set(orders.records.map((r) => r.headers['traceparent']?.split('-')[1])).size).toBe(4);

    await service?.stop();
    service = undefined;
    // While the gateway is down: one new order, one cancellation of a published order.
    const fresh = newAmazonOrder(samples[1] as SampleAmazonOrder, '902-0000001-0000001', Date.now());
    sim.seller.put(fresh.order, fresh.items);
    sim.seller.update('113-5518273-4410968', { OrderStatus: 'Canceled' });
    await start();

    await waitFor(() => (orders.records.length >= 6 ? true : undefined), { what: 'the two changes made while the gateway was down' });
    await pollsPass(3);
    expect(
      orders
        .values()
        .map((o) => [o.channelOrderId, o.eventType])
        .sort(),
    ).toEqual([
      ['111-7760243-8830617', 'CANCELLED'],
      ['113-4829105-7731446', 'CREATED'],
      ['113-5518273-4410968', 'CANCELLED'],
      ['113-5518273-4410968', 'CREATED'],
      ['114-3941765-2209841', 'CREATED'],
      ['902-0000001-0000001', 'CREATED'],
    ]);

    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: h.database.url }) });
    try {
      const cursor = await prisma.amazonPollCursor.findUniqueOrThrow({ where: { channelAccountId: 'amazon-us' } });
      const newest = Math.max(...sim.seller.orders().map((o) => Date.parse(o.LastUpdateDate)));
      expect(Date.parse(cursor.watermark)).toBe(newest);
      expect(cursor.seen).toContain(`902-0000001-0000001@${Date.parse(fresh.order.LastUpdateDate)}`);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('keeps polling through an SP-API outage, with the cursor held, then catches up', async () => {
    const failuresBefore = await metricValue(baseUrl, 'crossdock_channel_gateway_polls_total', { loop: LOOP, result: 'error' });
    sim.seller.fail(503);
    const late = newAmazonOrder(samples[1] as SampleAmazonOrder, '902-0000001-0000002', Date.now());
    sim.seller.put(late.order, late.items);
    await waitFor(
      async () =>
        (await metricValue(baseUrl, 'crossdock_channel_gateway_polls_total', { loop: LOOP, result: 'error' })) >= failuresBefore + 3 ? true : undefined,
      {
        what: 'three failed polls',
      },
    );
    expect(await metricValue(baseUrl, 'crossdock_channel_gateway_poll_consecutive_failures', { loop: LOOP })).toBeGreaterThanOrEqual(3);
    expect(byAmazonId('902-0000001-0000002')).toEqual([]);
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);

    sim.seller.recover();
    await waitFor(() => (byAmazonId('902-0000001-0000002').length === 1 ? true : undefined), { what: 'the order placed during the outage' });
    await pollsPass(2);
    expect(byAmazonId('902-0000001-0000002')).toHaveLength(1);
    expect(await metricValue(baseUrl, 'crossdock_channel_gateway_poll_consecutive_failures', { loop: LOOP })).toBe(0);
  });

  it('records an order it cannot map at GET /rejections, publishes nothing for it, and moves on', async () => {
    const template = samples[4] as SampleAmazonOrder;
    const broken = newAmazonOrder(template, '902-0000001-0000003', Date.now());
    const badItems = broken.items.map((item, i) => (i === 0 ? { ...item, ItemPrice: { CurrencyCode: 'USD', Amount: '49,98' } } : item));
    sim.seller.put(broken.order, badItems);
    const after = newAmazonOrder(template, '902-0000001-0000004', Date.now() + 1);
    sim.seller.put(after.order, after.items);

    await waitFor(() => (byAmazonId('902-0000001-0000004').length === 1 ? true : undefined), { what: 'the order after the broken one' });
    const listed = (await (await fetch(`${baseUrl}/rejections?channel=amazon`)).json()) as { rejections: Array<Record<string, unknown>> };
    expect(listed.rejections).toEqual([
      expect.objectContaining({
        channel: 'AMAZON',
        channelAccountId: 'amazon-us',
        channelOrderId: '902-0000001-0000003',
        documentRef: `902-0000001-0000003@${broken.order.LastUpdateDate}`,
        code: 'AMOUNT_INVALID',
        field: 'OrderItems[0].ItemPrice.Amount',
      }),
    ]);
    await pollsPass(2);
    expect(byAmazonId('902-0000001-0000003')).toEqual([]);
    expect((await fetch(`${baseUrl}/rejections?limit=0`)).status).toBe(400);
    const repeated = await fetch(`${baseUrl}/rejections?channel=AMAZON&channel=EDI`);
    expect({ status: repeated.status, body: await repeated.json() }).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 'QUERY_INVALID', field: 'channel' }),
    });
  });
});
