import { Client } from 'pg';
import { Topics, type ChannelAvailability, type FulfilmentLine, type OrderFulfilment, type ReservationEvent } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleAcceptedLine, sampleInventoryPosition, sampleOrderAccepted, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http, type TopicRecorder } from '../test-support/availability.harness';

// No buffer, cap or TTL on this channel account: its figure is the location's sellable quantity.
const ACCOUNT = 'edi-summit-outfitters';
const HOUR = 3_600_000;

function accepted(orderId: string, sku: string, quantity: number) {
  return sampleOrderAccepted({
    orderId,
    eventId: `accepted:${orderId}`,
    channel: 'EDI',
    channelAccountId: ACCOUNT,
    occurredAt: Date.now(),
    lines: [sampleAcceptedLine({ lineId: '1', sku, quantity, locationId: 'DC-RENO' })],
  });
}

/** A statement as shipment-events writes it on the compacted order-fulfilment table. */
function fulfilment(orderId: string, version: number, line: Partial<FulfilmentLine> & Pick<FulfilmentLine, 'sku'>): OrderFulfilment {
  return {
    orderId,
    channel: 'EDI',
    channelAccountId: ACCOUNT,
    channelOrderId: `PO-${orderId}`,
    erpOrderNumber: `SO-${orderId}`,
    status: 'IN_PROGRESS',
    lines: [
      {
        lineId: '1',
        locationId: 'DC-RENO',
        orderedQuantity: 3,
        pickedQuantity: 0,
        shortQuantity: 0,
        shippedQuantity: 0,
        deliveredQuantity: 0,
        cancelledQuantity: 0,
        erpPostings: [],
        ...line,
      },
    ],
    version,
    updatedAt: Date.now(),
  };
}

describe('fulfilment: shipped units consume their reservation, the ERP catching up counts them once', () => {
  const harness = new AvailabilityHarness('fulfilment');
  let service: RunningService;
  let baseUrl: string;
  let reservations: TopicRecorder<ReservationEvent>;
  let figures: TopicRecorder<ChannelAvailability>;
  let db: Client;

  async function start(): Promise<void> {
    const started = await harness.startService();
    service = started.service;
    baseUrl = started.baseUrl;
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'availability ready' });
  }

  async function sellable(sku: string): Promise<number> {
    const { status, body } = await http<{ sellableQuantity: number }>(`${baseUrl}/availability?sku=${sku}&channelAccountId=${ACCOUNT}`);
    if (status !== 200) throw new Error(`GET /availability ${sku}: ${status}`);
    return body.sellableQuantity;
  }

  /** The last figure published for the SKU: what the channel was told. */
  function lastPublished(sku: string): number | undefined {
    return figures
      .values()
      .filter((r) => r.sku === sku && r.channelAccountId === ACCOUNT)
      .at(-1)?.sellableQuantity;
  }

  function eventsOf(orderId: string): ReservationEvent[] {
    return reservations.values().filter((e) => e.orderId === orderId);
  }

  async function reserved(orderId: string, sku: string, quantity: number): Promise<void> {
    await harness.publish(Topics.ordersAccepted, [accepted(orderId, sku, quantity)]);
    await waitFor(() => (eventsOf(orderId).some((e) => e.type === 'RESERVED') ? true : undefined), { what: `${orderId} reserved` });
  }

  async function settledAt(orderId: string): Promise<Date | null> {
    const { rows } = await db.query<{ settledAt: Date | null }>(`SELECT "settledAt" FROM "ConsumedLine" WHERE "orderId" = $1`, [orderId]);
    if (rows.length !== 1) throw new Error(`${orderId}: ${rows.length} consumed lines`);
    return rows[0]?.settledAt ?? null;
  }

  async function stock(sku: string, onHand: number, asOf: number, version: number): Promise<void> {
    await harness.publish(Topics.erpInventoryPositions, [sampleInventoryPosition({ sku, locationId: 'DC-RENO', onHand, asOf, version })]);
  }

  beforeAll(async () => {
    await harness.setUp();
    const earlier = Date.now() - HOUR;
    for (const sku of ['SHIP-1', 'SHORT-1', 'CANCEL-1', 'BAD-1', 'SETTLE-1', 'EARLY-1']) await stock(sku, 10, earlier, 1);
    reservations = await harness.record(Topics.reservations);
    figures = await harness.record(Topics.channelAvailability);
    db = new Client({ connectionString: harness.database.url });
    await db.connect();
    await start();
  });

  afterAll(async () => {
    await db?.end();
    await service?.stop();
    await harness.tearDown();
  });

  it('keeps sellable at 7 of 10 before shipping, after shipping, after the ERP posting, across a restart, and once the ERP on-hand drops', async () => {
    await reserved('SHIP:1', 'SHIP-1', 3);
    await waitFor(async () => ((await sellable('SHIP-1')) === 7 ? true : undefined), { what: 'SHIP-1 at 7 after the reservation' });

    // Shipped, not posted by the ERP: the reservation is consumed, the units still count.
    await harness.publish(Topics.orderFulfilment, [fulfilment('SHIP:1', 1, { sku: 'SHIP-1', pickedQuantity: 3, shippedQuantity: 3 })]);
    const consumed = await waitFor(() => eventsOf('SHIP:1').find((e) => e.type === 'CONSUMED'), { what: 'SHIP:1 consumed' });
    expect(consumed).toMatchObject({ quantity: 3, openQuantity: 0, reason: 'SHIPPED', causationId: 'order-fulfilment:SHIP:1:v1', sku: 'SHIP-1' });
    await harness.waitHandled(Topics.orderFulfilment);
    expect(await sellable('SHIP-1')).toBe(7);

    // The ERP posted the goods issue at T; its position in hand is still from before T.
    const postedAt = Date.now();
    const posting = { packageReference: 'PKG-1', erpDocumentNumber: 'IF-1001', quantity: 3, postedAt };
    await harness.publish(Topics.orderFulfilment, [fulfilment('SHIP:1', 2, { sku: 'SHIP-1', pickedQuantity: 3, shippedQuantity: 3, erpPostings: [posting] })]);
    await harness.waitHandled(Topics.orderFulfilment);
    expect(await sellable('SHIP-1')).toBe(7);
    const line = await db.query(`SELECT "consumedQuantity", "shippedQuantity", "postings" FROM "ConsumedLine" WHERE "orderId" = 'SHIP:1'`);
    expect(line.rows).toEqual([{ consumedQuantity: 3, shippedQuantity: 3, postings: [{ quantity: 3, postedAt }] }]);

    // A restart rebuilds the consumed units from the database: still subtracted.
    await service.stop();
    await start();
    expect(await sellable('SHIP-1')).toBe(7);

    // The ERP position as of the posting shows the units gone: not subtracted again.
    await stock('SHIP-1', 7, postedAt + 1, 2);
    await harness.waitHandled(Topics.erpInventoryPositions);
    expect(await sellable('SHIP-1')).toBe(7);
    await waitFor(() => (lastPublished('SHIP-1') === 7 ? true : undefined), { what: 'SHIP-1 published at 7' });
    const published = figures
      .values()
      .filter((r) => r.sku === 'SHIP-1' && r.channelAccountId === ACCOUNT)
      .map((r) => r.sellableQuantity);
    expect(published.filter((q) => q !== 7 && q !== 10)).toEqual([]);
    expect(published.at(-1)).toBe(7);
    // Settled: the row stays (the next statement is measured against it), marked for the rebuild to skip.
    await waitFor(async () => ((await settledAt('SHIP:1')) !== null ? true : undefined), { what: 'SHIP:1 marked settled' });
  });

  it('consumes once when the same or an older statement is delivered again', async () => {
    // An older statement, and the applied version again (whatever it says): neither is newer.
    await harness.publish(Topics.orderFulfilment, [
      fulfilment('SHIP:1', 1, { sku: 'SHIP-1', pickedQuantity: 3, shippedQuantity: 3 }),
      fulfilment('SHIP:1', 2, { sku: 'SHIP-1', pickedQuantity: 3, shippedQuantity: 3 }),
    ]);
    await harness.waitHandled(Topics.orderFulfilment);
    expect(eventsOf('SHIP:1').filter((e) => e.type === 'CONSUMED')).toHaveLength(1);
    const applied = await db.query(`SELECT "version"::int AS version FROM "FulfilmentApplied" WHERE "orderId" = 'SHIP:1'`);
    expect(applied.rows).toEqual([{ version: 2 }]);
    expect(await sellable('SHIP-1')).toBe(7);
  });

  it('consumes units shipped before the acceptance that reserved them reached this service', async () => {
    await harness.publish(Topics.orderFulfilment, [fulfilment('EARLY:1', 1, { sku: 'EARLY-1', pickedQuantity: 3, shippedQuantity: 3 })]);
    await harness.waitHandled(Topics.orderFulfilment);
    const kept = await db.query(`SELECT "awaitingStatement" IS NOT NULL AS kept FROM "FulfilmentApplied" WHERE "orderId" = 'EARLY:1'`);
    expect(kept.rows).toEqual([{ kept: true }]);

    await reserved('EARLY:1', 'EARLY-1', 3);
    const consumed = await waitFor(() => eventsOf('EARLY:1').find((e) => e.type === 'CONSUMED'), { what: 'EARLY:1 consumed' });
    expect(consumed).toMatchObject({ quantity: 3, openQuantity: 0, reason: 'SHIPPED' });
    const cleared = await db.query(`SELECT "awaitingStatement" IS NULL AS cleared FROM "FulfilmentApplied" WHERE "orderId" = 'EARLY:1'`);
    expect(cleared.rows).toEqual([{ cleared: true }]);
    // 10 on hand, 3 shipped and not yet issued by the ERP: counted once, as consumed units.
    await waitFor(async () => ((await sellable('EARLY-1')) === 7 ? true : undefined), { what: 'EARLY-1 at 7' });
  });

  it('releases the short-picked units and consumes the shipped ones', async () => {
    await reserved('SHORT:1', 'SHORT-1', 3);
    await harness.publish(Topics.orderFulfilment, [fulfilment('SHORT:1', 1, { sku: 'SHORT-1', pickedQuantity: 2, shortQuantity: 1, shippedQuantity: 2 })]);
    const events = await waitFor(
      () => {
        const changes = eventsOf('SHORT:1').filter((e) => e.type !== 'RESERVED');
        return changes.length === 2 ? changes : undefined;
      },
      { what: 'SHORT:1 consumed and released' },
    );
    expect(events.map((e) => [e.type, e.reason, e.quantity, e.openQuantity])).toEqual([
      ['CONSUMED', 'SHIPPED', 2, 1],
      ['RELEASED', 'SHORT_PICKED', 1, 0],
    ]);
    // 10 on hand, 2 shipped and not yet issued by the ERP.
    await waitFor(async () => ((await sellable('SHORT-1')) === 8 ? true : undefined), { what: 'SHORT-1 at 8' });
  });

  it('releases a cancelled line', async () => {
    await reserved('CANCEL:1', 'CANCEL-1', 3);
    await waitFor(async () => ((await sellable('CANCEL-1')) === 7 ? true : undefined), { what: 'CANCEL-1 at 7' });
    await harness.publish(Topics.orderFulfilment, [{ ...fulfilment('CANCEL:1', 1, { sku: 'CANCEL-1', cancelledQuantity: 3 }), status: 'CANCELLED' }]);
    const released = await waitFor(() => eventsOf('CANCEL:1').find((e) => e.type === 'RELEASED'), { what: 'CANCEL:1 released' });
    expect(released).toMatchObject({ quantity: 3, openQuantity: 0, reason: 'ORDER_CANCELLED' });
    await waitFor(async () => ((await sellable('CANCEL-1')) === 10 ? true : undefined), { what: 'CANCEL-1 back at 10' });
    await waitFor(() => (lastPublished('CANCEL-1') === 10 ? true : undefined), { what: 'CANCEL-1 published at 10' });
  });

  it('a settled line is not reloaded by the rebuild, and a statement shipping more of it makes it count again', async () => {
    // 2 of 3 shipped and posted at T; the ERP position as of T shows them gone: settled.
    await reserved('SETTLE:1', 'SETTLE-1', 3);
    const postedAt = Date.now();
    const posting = { packageReference: 'PKG-S1', erpDocumentNumber: 'IF-2001', quantity: 2, postedAt };
    await harness.publish(Topics.orderFulfilment, [
      fulfilment('SETTLE:1', 1, { sku: 'SETTLE-1', pickedQuantity: 2, shippedQuantity: 2, erpPostings: [posting] }),
    ]);
    await harness.waitHandled(Topics.orderFulfilment);
    await stock('SETTLE-1', 8, postedAt + 1, 2);
    await waitFor(async () => ((await settledAt('SETTLE:1')) !== null ? true : undefined), { what: 'SETTLE:1 marked settled' });
    expect(await sellable('SETTLE-1')).toBe(7);

    // A restart reads only the lines not settled: the figure is the same without reading this one.
    await service.stop();
    await start();
    const unsettled = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "ConsumedLine" WHERE "consumedQuantity" > 0 AND "settledAt" IS NULL`);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`crossdock_availability_rebuild_consumed_lines(\\{[^}]*\\})? ${unsettled.rows[0]?.n}\n`));
    expect(await sellable('SETTLE-1')).toBe(7);

    // The last unit ships, not posted yet: the mark is cleared and the unit is subtracted until the ERP catches up.
    await harness.publish(Topics.orderFulfilment, [
      fulfilment('SETTLE:1', 2, { sku: 'SETTLE-1', pickedQuantity: 3, shippedQuantity: 3, erpPostings: [posting] }),
    ]);
    await harness.waitHandled(Topics.orderFulfilment);
    expect(await settledAt('SETTLE:1')).toBeNull();
    expect(await sellable('SETTLE-1')).toBe(7);
    await service.stop();
    await start();
    expect(await sellable('SETTLE-1')).toBe(7);
  });

  it('dead-letters a statement with an impossible quantity and changes nothing', async () => {
    await reserved('BAD:1', 'BAD-1', 3);
    await harness.publish(Topics.orderFulfilment, [fulfilment('BAD:1', 1, { sku: 'BAD-1', shippedQuantity: -3 })]);
    const letter = await waitFor(() => harness.deadLetters.records.find((r) => r.sourceTopic.endsWith('order-fulfilment.v1')), { what: 'a dead letter' });
    expect(letter.errorCode).toBe('INVALID_FULFILMENT_QUANTITY');
    expect(letter.errorMessage).toContain('lines.0.shippedQuantity -3');
    await harness.waitHandled(Topics.orderFulfilment);
    expect(eventsOf('BAD:1').map((e) => e.type)).toEqual(['RESERVED']);
    expect(await sellable('BAD-1')).toBe(7);
  });
});
