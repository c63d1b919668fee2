import { Client } from 'pg';
import { Topics, type ChannelAvailability, type OrderAccepted, type ReservationEvent, type StockShortage } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleAcceptedLine, sampleInventoryPosition, sampleOrderAccepted, sampleOrderCancelled, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http, type TopicRecorder } from '../test-support/availability.harness';
import { ReservationsService } from './reservations.service';

const ACCOUNTS = [
  { channelAccountId: 'acme-outdoor', channel: 'SHOPIFY' },
  { channelAccountId: 'amazon-us', channel: 'AMAZON' },
  { channelAccountId: 'edi-summit-outfitters', channel: 'EDI' },
] as const;

function order(orderId: string, sku: string, quantity: number, account: (typeof ACCOUNTS)[number], locationId = 'DC-RENO'): OrderAccepted {
  return sampleOrderAccepted({
    orderId,
    eventId: `accepted:${orderId}`,
    channel: account.channel,
    channelAccountId: account.channelAccountId,
    // Reservation TTLs run from the order's acceptance.
    occurredAt: Date.now(),
    lines: [sampleAcceptedLine({ lineId: '1', sku, quantity, locationId })],
  });
}

describe('reservations: durable, idempotent, never overselling the last unit', () => {
  const harness = new AvailabilityHarness('reservations');
  const services: RunningService[] = [];
  let baseUrl: string;
  let reservations: TopicRecorder<ReservationEvent>;
  let shortages: TopicRecorder<StockShortage>;
  let availability: TopicRecorder<ChannelAvailability>;

  async function openInDatabase(sku: string): Promise<number> {
    const client = new Client({ connectionString: harness.database.url });
    await client.connect();
    try {
      const result = await client.query<{ open: string | null }>(`SELECT SUM("openQuantity") AS open FROM "LineReservation" WHERE sku = $1`, [sku]);
      return Number(result.rows[0]?.open ?? 0);
    } finally {
      await client.end();
    }
  }

  /** The order's rows in the outbox, oldest first: the events its decisions committed. */
  async function outboxOf(orderId: string): Promise<Array<{ topic: string; eventId: string; published: boolean }>> {
    const client = new Client({ connectionString: harness.database.url });
    await client.connect();
    try {
      const result = await client.query<{ topic: string; eventId: string; published: boolean }>(
        `SELECT "topic", "eventId", "publishedAt" IS NOT NULL AS published FROM "EventOutbox" WHERE "payload"->>'orderId' = $1 ORDER BY "id"`,
        [orderId],
      );
      return result.rows;
    } finally {
      await client.end();
    }
  }

  async function allPublished(orderId: string): Promise<boolean> {
    const rows = await outboxOf(orderId);
    return rows.length > 0 && rows.every((row) => row.published);
  }

  beforeAll(async () => {
    await harness.setUp();
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'LAST-1', locationId: 'DC-RENO', onHand: 5, asOf: Date.now(), version: 1 }),
      sampleInventoryPosition({ sku: 'LAST-2', locationId: 'DC-RENO', onHand: 3, asOf: Date.now(), version: 1 }),
      sampleInventoryPosition({ sku: 'PART-1', locationId: 'DC-ATLANTA', onHand: 4, asOf: Date.now(), version: 1 }),
      sampleInventoryPosition({ sku: 'STOVE-CAMP-2B', locationId: 'DC-ATLANTA', onHand: 100, asOf: Date.now(), version: 1 }),
      sampleInventoryPosition({ sku: 'CANCEL-1', locationId: 'DC-RENO', onHand: 10, asOf: Date.now(), version: 1 }),
    ]);
    reservations = await harness.record(Topics.reservations);
    shortages = await harness.record(Topics.stockShortages);
    availability = await harness.record(Topics.channelAvailability);
    // Two instances in one consumer group: orders on different partitions race in different consumers.
    for (let i = 0; i < 2; i++) {
      const started = await harness.startService();
      services.push(started.service);
      baseUrl ??= started.baseUrl;
      await waitFor(async () => ((await http(`${started.baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: `instance ${i} ready` });
    }
  });

  afterAll(async () => {
    for (const service of services) await service.stop();
    await harness.tearDown();
  });

  it('lets many concurrent orders across channels reserve exactly the sellable units, the rest short with a reason', async () => {
    const service = services[0]?.app.get(ReservationsService);
    if (!service) throw new Error('service not started');
    const orders = Array.from({ length: 20 }, (_, i) => order(`RACE:direct:${i}`, 'LAST-2', 1, ACCOUNTS[i % 3] ?? ACCOUNTS[0]));
    // Straight into the service, all at once: 20 transactions contend for one SKU-location lock.
    const decisions = (await Promise.all(orders.map((o) => service.reserveOrder(o)))).flat();
    expect(decisions.filter((d) => d.kind === 'RESERVED')).toHaveLength(3);
    expect(decisions.filter((d) => d.kind === 'SHORT').map((d) => d.shortage?.reason)).toEqual(Array(17).fill('INSUFFICIENT_STOCK'));
    expect(await openInDatabase('LAST-2')).toBe(3);
    const shorts = await waitFor(
      () => {
        const mine = shortages.values().filter((s) => s.sku === 'LAST-2');
        return mine.length === 17 ? mine : undefined;
      },
      { what: '17 shortages of LAST-2' },
    );
    expect(shorts.every((s) => s.requestedQuantity === 1 && s.reservedQuantity === 0 && s.availableQuantity === 0)).toBe(true);
  });

  it('never reserves more than the stock when orders for the last units arrive through Kafka on two instances', async () => {
    const orders = Array.from({ length: 30 }, (_, i) => order(`RACE:kafka:${i}`, 'LAST-1', 1, ACCOUNTS[i % 3] ?? ACCOUNTS[0]));
    await harness.publish(Topics.ordersAccepted, orders);
    await waitFor(
      () => {
        const decided = reservations.values().filter((r) => r.sku === 'LAST-1').length + shortages.values().filter((s) => s.sku === 'LAST-1').length;
        return decided === 30 ? true : undefined;
      },
      { what: '30 decided lines of LAST-1', timeoutMs: 60_000 },
    );
    expect(reservations.values().filter((r) => r.sku === 'LAST-1' && r.type === 'RESERVED')).toHaveLength(5);
    expect(shortages.values().filter((s) => s.sku === 'LAST-1')).toHaveLength(25);
    expect(await openInDatabase('LAST-1')).toBe(5);
  });

  it('decides a redelivered order once and publishes its event once, through the outbox', async () => {
    const first = order('IDEM:1', 'CANCEL-1', 2, ACCOUNTS[0]);
    await harness.publish(Topics.ordersAccepted, [first, first]);
    await harness.waitHandled(Topics.ordersAccepted);
    await waitFor(async () => ((await allPublished('IDEM:1')) ? true : undefined), { what: 'the outbox of IDEM:1 published' });
    await harness.waitRecordedToEnd(reservations, Topics.reservations);
    const events = reservations.values().filter((r) => r.orderId === 'IDEM:1');
    expect(events).toEqual([expect.objectContaining({ type: 'RESERVED', quantity: 2, version: 1 })]);
    expect(await outboxOf('IDEM:1')).toEqual([{ topic: 'reservations', eventId: events[0]?.eventId, published: true }]);
    expect(await openInDatabase('CANCEL-1')).toBe(2);
  });

  it('releases a cancelled reservation delivered twice once, announces it once and republishes the higher figure', async () => {
    const accepted = order('CANCEL:1', 'CANCEL-1', 3, ACCOUNTS[2]);
    await harness.publish(Topics.ordersAccepted, [accepted]);
    await waitFor(() => (reservations.values().some((r) => r.orderId === 'CANCEL:1') ? true : undefined), { what: 'CANCEL:1 reserved' });
    const cancelled = sampleOrderCancelled({
      orderId: 'CANCEL:1',
      channel: 'EDI',
      channelAccountId: 'edi-summit-outfitters',
      cancelledLines: [{ lineId: '1', sku: 'CANCEL-1', quantity: 3 }],
    });
    await harness.publish(Topics.orderCancellations, [cancelled, cancelled]);
    await harness.waitHandled(Topics.orderCancellations);
    await waitFor(async () => ((await allPublished('CANCEL:1')) ? true : undefined), { what: 'the outbox of CANCEL:1 published' });
    await harness.waitRecordedToEnd(reservations, Topics.reservations);
    const released = reservations.values().filter((r) => r.orderId === 'CANCEL:1' && r.type === 'RELEASED');
    expect(released).toEqual([expect.objectContaining({ quantity: 3, openQuantity: 0, reason: 'ORDER_CANCELLED', version: 2 })]);
    expect(await openInDatabase('CANCEL-1')).toBe(2);
    // 10 on hand - 2 still reserved by IDEM:1: edi (no buffer) is shown 8 again.
    await waitFor(
      () => {
        const edi = availability
          .values()
          .filter((r) => r.sku === 'CANCEL-1' && r.channelAccountId === 'edi-summit-outfitters')
          .at(-1);
        return edi?.sellableQuantity === 8 ? edi : undefined;
      },
      { what: 'CANCEL-1 back to 8 for edi' },
    );
  });

  it('reserves what there is for a partial-shipment partner and shorts a marketplace that asks for more than the stock', async () => {
    await harness.publish(Topics.ordersAccepted, [order('PART:edi', 'PART-1', 10, ACCOUNTS[2], 'DC-ATLANTA')]);
    const partial = await waitFor(() => shortages.values().find((s) => s.orderId === 'PART:edi'), { what: 'edi partial shortage' });
    expect(partial).toMatchObject({ requestedQuantity: 10, reservedQuantity: 4, availableQuantity: 4, reason: 'INSUFFICIENT_STOCK' });
    await waitFor(() => reservations.values().find((r) => r.orderId === 'PART:edi' && r.quantity === 4), { what: 'edi reserved 4' });

    await harness.publish(Topics.ordersAccepted, [order('PART:amazon', 'PART-1', 1, ACCOUNTS[1], 'DC-ATLANTA')]);
    const short = await waitFor(() => shortages.values().find((s) => s.orderId === 'PART:amazon'), { what: 'amazon shortage' });
    expect(short).toMatchObject({ requestedQuantity: 1, reservedQuantity: 0, availableQuantity: 0 });
    expect(reservations.values().some((r) => r.orderId === 'PART:amazon')).toBe(false);
  });

  it('keeps ring-fenced units from other channel accounts with CHANNEL_ALLOCATION_EXHAUSTED', async () => {
    await harness.publish(Topics.ordersAccepted, [order('FENCE:amazon', 'STOVE-CAMP-2B', 1, ACCOUNTS[1], 'DC-ATLANTA')]);
    const short = await waitFor(() => shortages.values().find((s) => s.orderId === 'FENCE:amazon'), { what: 'fenced shortage' });
    expect(short).toMatchObject({ reason: 'CHANNEL_ALLOCATION_EXHAUSTED', locationId: 'DC-ATLANTA', availableQuantity: 0 });
  });

  it('expires reservations past their channel TTL', async () => {
    const service = services[0]?.app.get(ReservationsService);
    if (!service) throw new Error('service not started');
    // amazon-us holds reservations 72 h, acme-outdoor 168 h, edi-summit-outfitters until shipped.
    const in100Hours = Date.now() + 100 * 3_600_000;
    const expired = await service.expireDue(in100Hours);
    const amazonLast1 = reservations.values().filter((r) => r.sku === 'LAST-1' && r.type === 'RESERVED' && r.channelAccountId === 'amazon-us');
    expect(expired.map((c) => c.event.type)).toEqual(expect.arrayContaining(['EXPIRED']));
    expect(expired.every((c) => c.event.reason === 'TTL_ELAPSED' && c.event.openQuantity === 0)).toBe(true);
    expect(expired.filter((c) => c.sku === 'LAST-1')).toHaveLength(amazonLast1.length);
    expect(expired.length).toBeGreaterThan(0);
    expect(expired.every((c) => c.channelAccountId === 'amazon-us')).toBe(true);
    expect(await service.expireDue(in100Hours)).toEqual([]);
    await waitFor(
      () => {
        const mine = reservations.values().filter((r) => r.type === 'EXPIRED');
        return mine.length === expired.length ? mine : undefined;
      },
      { what: 'EXPIRED events published' },
    );
  });
});
