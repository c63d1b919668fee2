import { Topics, topicName, type ShipmentMilestone } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleAcceptedLine, waitFor } from '@crossdock/testing';
import { PrismaService } from '../prisma/prisma.service';
import { ShipmentEventsHarness } from '../test-support/shipment-events.harness';
import { acceptedOrder, trackingUpdate, warehouseFact } from '../test-support/shipment-facts.samples';
import { ErpPostingRecorder } from './erp-posting.recorder';

describe('shipment-events: warehouse, 3PL and carrier facts to milestones, fulfilment and channel updates', () => {
  const harness = new ShipmentEventsHarness('shipment-facts');
  let service: RunningService;

  beforeAll(async () => {
    await harness.setUp();
    ({ service } = await harness.startService());
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
  });

  const milestonesOf = (orderId: string) => harness.milestones.values().filter((m) => m.orderId === orderId);
  const milestoneWords = (orderId: string) => milestonesOf(orderId).map((m) => `${m.packageReference}:${m.milestone}`);
  const updatesOf = (orderId: string) => harness.channelUpdates.values().filter((u) => u.orderId === orderId);
  const fulfilmentIs = (orderId: string, status: string) =>
    waitFor(() => (harness.latestFulfilment(orderId)?.status === status ? harness.latestFulfilment(orderId) : undefined), { what: `${orderId} ${status}` });
  const milestonesReach = (orderId: string, count: number) =>
    waitFor(() => (milestonesOf(orderId).length >= count ? milestonesOf(orderId) : undefined), { what: `${count} milestones of ${orderId}` });
  const openExceptions = async (subject: string) =>
    (
      await harness.db.query<{ reason: string; detail: string }>(
        `SELECT "reason", "detail" FROM "ShipmentException" WHERE "orderId" = $1 AND "status" = 'OPEN'`,
        [subject],
      )
    ).rows;
  const exceptionFor = (orderId: string) => waitFor(async () => (await openExceptions(orderId))[0], { what: `an exception for ${orderId}` });

  async function accept(orderId: string, overrides: Parameters<typeof acceptedOrder>[1] = {}) {
    const order = acceptedOrder(orderId, overrides);
    await harness.publish(Topics.ordersAccepted, [order]);
    await waitFor(() => harness.latestFulfilment(orderId), { what: `${orderId} released` });
    return order;
  }

  it('WMS: pick, pack (two cartons) and ship become milestones, fulfilment, channel updates and ERP confirmations', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:W1';
    await accept(orderId, { lines: [sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: 2, locationId: 'DC-RENO', erpLineNumber: '10' })] });
    const carton = (n: number) => ({
      packageReference: `CTN-W1-${n}`,
      carrierCode: 'UPS',
      serviceCode: 'UPS_GROUND',
      trackingNumber: `1ZW1${n}`,
      weight: { value: 1.2, unit: 'LB' },
      lines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }],
    });
    const line = { lineId: '1', sku: 'TEE-1', quantity: 2, shortQuantity: 0, shortReason: null };
    await harness.publish(Topics.wmsShipments, [
      warehouseFact(orderId, { factKey: 'W1-pick', stage: 'PICKED', packages: [], lines: [line] }),
      warehouseFact(orderId, { factKey: 'W1-pack', stage: 'PACKED', packages: [carton(1), carton(2)], lines: [line], shipDate: null }),
      warehouseFact(orderId, { factKey: 'W1-ship', stage: 'SHIPPED', packages: [carton(1), carton(2)], lines: [line] }),
    ]);
    const fulfilment = await fulfilmentIs(orderId, 'SHIPPED');
    expect(fulfilment?.lines[0]).toMatchObject({ orderedQuantity: 2, pickedQuantity: 2, shippedQuantity: 2, deliveredQuantity: 0 });
    await milestonesReach(orderId, 4);
    expect(milestoneWords(orderId)).toEqual(['wms-main:CTN-W1-1:PACKED', 'wms-main:CTN-W1-2:PACKED', 'wms-main:CTN-W1-1:SHIPPED', 'wms-main:CTN-W1-2:SHIPPED']);
    expect(milestonesOf(orderId)[2]).toMatchObject({
      source: 'WMS',
      sourceStatus: 'SHIPPED',
      carrierCode: 'UPSN',
      trackingNumber: '1ZW11',
      channelOrderId: 'W1',
      shipmentId: `${orderId}@DC-RENO`,
    });
    const updates = await waitFor(() => (updatesOf(orderId).length >= 2 ? updatesOf(orderId) : undefined), { what: 'channel updates' });
    expect(updates.map((u) => [u.milestone, u.channelStatus, u.vocabulary, u.mappingVersion, u.fallbackUsed, u.carrierName, u.trackingUrl])).toEqual([
      ['SHIPPED', 'CARRIER_PICKED_UP', 'shopify.FulfillmentEventStatus', 'shopify-2025-10@1', false, 'UPS', 'https://www.ups.com/track?tracknum=1ZW11'],
      ['SHIPPED', 'CARRIER_PICKED_UP', 'shopify.FulfillmentEventStatus', 'shopify-2025-10@1', false, 'UPS', 'https://www.ups.com/track?tracknum=1ZW12'],
    ]);
    const queue = await harness.db.query<{ packageReference: string; status: string; erpOrderNumber: string; carrierCode: string; lines: unknown }>(
      `SELECT "packageReference", "status", "erpOrderNumber", "carrierCode", "lines" FROM "ErpShipmentConfirmation" WHERE "orderId" = $1 ORDER BY 1`,
      [orderId],
    );
    expect(queue.rows).toEqual([
      {
        packageReference: 'wms-main:CTN-W1-1',
        status: 'PENDING',
        erpOrderNumber: `SO-${orderId}`,
        carrierCode: 'UPSN',
        lines: [{ lineId: '1', erpLineNumber: '10', sku: 'TEE-1', quantity: 1 }],
      },
      {
        packageReference: 'wms-main:CTN-W1-2',
        status: 'PENDING',
        erpOrderNumber: `SO-${orderId}`,
        carrierCode: 'UPSN',
        lines: [{ lineId: '1', erpLineNumber: '10', sku: 'TEE-1', quantity: 1 }],
      },
    ]);
  });

  it('3PL: a 945 ship fact becomes an Amazon update in Amazon s words with a numeric package id', async () => {
    const orderId = 'AMAZON:amz-us:T1';
    await accept(orderId, {
      channel: 'AMAZON',
      lines: [sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: 1, locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' })],
    });
    await harness.publish(Topics.thirdPartyShipments, [
      warehouseFact(orderId, {
        factKey: '3pl-dallas|SH-1|T1',
        source: 'THIRD_PARTY_LOGISTICS',
        sourceSystem: '3pl-dallas',
        locationId: '3PL-DALLAS',
        packages: [
          {
            packageReference: '000123456789012345',
            carrierCode: 'FDEG',
            serviceCode: 'G2',
            trackingNumber: 'FX-T1',
            weight: null,
            lines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }],
          },
        ],
      }),
    ]);
    await fulfilmentIs(orderId, 'SHIPPED');
    const [milestone] = await milestonesReach(orderId, 1);
    expect(milestone).toMatchObject({
      source: 'THIRD_PARTY_LOGISTICS',
      milestone: 'SHIPPED',
      carrierCode: 'FDEG',
      packageReference: '3pl-dallas:000123456789012345',
    });
    const [update] = await waitFor(() => (updatesOf(orderId).length > 0 ? updatesOf(orderId) : undefined), { what: 'amazon update' });
    expect(update).toMatchObject({
      channel: 'AMAZON',
      channelStatus: 'Shipped',
      vocabulary: 'amazon.OrderStatus',
      carrierName: 'FedEx',
      trackingNumber: 'FX-T1',
    });
    expect(update?.channelPackageId).toMatch(/^[1-9]\d*$/);
  });

  it('carrier tracking moves the package to delivered; a late in-transit is kept in history, not published', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:K1';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId)]);
    await fulfilmentIs(orderId, 'SHIPPED');
    const t0 = Date.now() - 20_000;
    await harness.publish(Topics.carrierTracking, [
      trackingUpdate(`1Z-${orderId}`, 'IN_TRANSIT', { occurredAt: t0, statusDetail: 'arrived_at_facility' }),
      trackingUpdate(`1Z-${orderId}`, 'OUT_FOR_DELIVERY', { occurredAt: t0 + 1_000 }),
      trackingUpdate(`1Z-${orderId}`, 'DELIVERED', { occurredAt: t0 + 2_000 }),
      trackingUpdate(`1Z-${orderId}`, 'IN_TRANSIT', { occurredAt: t0 + 3_000 }),
    ]);
    const fulfilment = await fulfilmentIs(orderId, 'DELIVERED');
    expect(fulfilment?.lines[0]).toMatchObject({ shippedQuantity: 1, deliveredQuantity: 1 });
    await waitFor(
      async () =>
        (await harness.db.query(`SELECT 1 FROM "ShipmentFact" WHERE "kind" = 'TRACKING' AND "orderId" = $1 AND "status" = 'APPLIED'`, [orderId])).rowCount === 4
          ? true
          : undefined,
      { what: 'four tracking facts applied' },
    );
    expect(milestonesOf(orderId).map((m) => m.milestone)).toEqual(['SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
    expect(milestonesOf(orderId)[1]).toMatchObject({
      source: 'CARRIER',
      sourceStatus: 'in_transit',
      sourceStatusDetail: 'arrived_at_facility',
      location: { city: 'Reno', region: 'NV' },
    });
    const history = await harness.db.query<{ milestone: string; outcome: string; sourceStatus: string }>(
      `SELECT "milestone", "outcome", "sourceStatus" FROM "PackageHistory" WHERE "packageReference" = $1 ORDER BY "id"`,
      [`wms-main:CTN-${orderId}`],
    );
    expect(history.rows.map((h) => `${h.milestone}:${h.outcome}`)).toEqual([
      'SHIPPED:APPLIED',
      'IN_TRANSIT:APPLIED',
      'OUT_FOR_DELIVERY:APPLIED',
      'DELIVERED:APPLIED',
      'IN_TRANSIT:MILESTONE_REGRESSION',
    ]);
    expect(updatesOf(orderId).map((u) => u.channelStatus)).toEqual(['CARRIER_PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']);
  });

  it('the same fact delivered three times has one effect (a re-read WMS event, a redelivered webhook under a new event id)', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:D1';
    await accept(orderId);
    const fact = warehouseFact(orderId);
    await harness.publish(Topics.wmsShipments, [fact, { ...fact, eventId: 'another-read' }, fact]);
    const scan = trackingUpdate(`1Z-${orderId}`, 'IN_TRANSIT');
    await harness.publish(Topics.carrierTracking, [scan, { ...scan, eventId: 'webhook-retry-1', sourceEventId: 'evt_retry' }, scan]);
    await waitFor(
      async () => {
        const rows = await harness.db.query<{ duplicateCount: number }>(
          `SELECT "duplicateCount" FROM "ShipmentFact" WHERE "orderId" = $1 OR "trackingNumber" = $2`,
          [orderId, `1Z-${orderId}`],
        );
        return rows.rows.length === 2 && rows.rows.every((r) => r.duplicateCount === 2) ? true : undefined;
      },
      { what: 'both facts seen three times' },
    );
    await milestonesReach(orderId, 2);
    // A marker fact behind them on the same partition proves the duplicates were consumed, not still in flight.
    await harness.publish(Topics.carrierTracking, [trackingUpdate(`1Z-${orderId}`, 'OUT_FOR_DELIVERY')]);
    await milestonesReach(orderId, 3);
    expect(milestonesOf(orderId).map((m) => m.milestone)).toEqual(['SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY']);
    const queue = await harness.db.query(`SELECT 1 FROM "ErpShipmentConfirmation" WHERE "orderId" = $1`, [orderId]);
    expect(queue.rowCount).toBe(1);
    expect(harness.latestFulfilment(orderId)?.lines[0]?.shippedQuantity).toBe(1);
  });

  it('out of order: delivered before shipped, and the shipment before the order s acceptance, end in the right state', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:X1';
    const tracking = `1Z-${orderId}`;
    // The carrier's delivery and the warehouse's ship fact both arrive before the order's acceptance.
    await harness.publish(Topics.carrierTracking, [trackingUpdate(tracking, 'DELIVERED', { occurredAt: Date.now() - 10_000 })]);
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId)]);
    await waitFor(
      async () =>
        (await harness.db.query(`SELECT 1 FROM "ShipmentFact" WHERE ("orderId" = $1 OR "trackingNumber" = $2) AND "status" = 'WAITING'`, [orderId, tracking]))
          .rowCount === 2
          ? true
          : undefined,
      { what: 'both facts waiting' },
    );
    const reasons = await harness.db.query<{ reason: string }>(
      `SELECT "reason" FROM "ShipmentFact" WHERE "orderId" = $1 OR "trackingNumber" = $2 ORDER BY "kind"`,
      [orderId, tracking],
    );
    expect(reasons.rows.map((r) => r.reason)).toEqual(['PACKAGE_NOT_KNOWN', 'ORDER_NOT_ACCEPTED']);
    expect(milestonesOf(orderId)).toEqual([]);

    await accept(orderId);
    const fulfilment = await fulfilmentIs(orderId, 'DELIVERED');
    expect(fulfilment?.lines[0]).toMatchObject({ pickedQuantity: 1, shippedQuantity: 1, deliveredQuantity: 1 });
    expect(milestonesOf(orderId).map((m) => m.milestone)).toEqual(['SHIPPED', 'DELIVERED']);
    expect(harness.releases.values().filter((r) => r.orderId === orderId)).toHaveLength(1);
  });

  it('OVER_SHIPMENT: a second carton of a one-unit line is parked, not applied', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:E1';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId)]);
    await fulfilmentIs(orderId, 'SHIPPED');
    const extra = warehouseFact(orderId, { factKey: 'E1-extra' });
    await harness.publish(Topics.wmsShipments, [
      { ...extra, packages: extra.packages.map((p) => ({ ...p, packageReference: 'CTN-E1-EXTRA', trackingNumber: '1Z-E1-EXTRA' })) },
    ]);
    expect(await exceptionFor(orderId)).toEqual({ reason: 'OVER_SHIPMENT', detail: 'line 1: 2 units shipped or packed, 1 ordered (less cancelled)' });
    expect(harness.latestFulfilment(orderId)?.lines[0]?.shippedQuantity).toBe(1);
    expect(milestonesOf(orderId)).toHaveLength(1);
  });

  it('UNKNOWN_ORDER_LINE: a line the order does not have', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:E2';
    await accept(orderId);
    const fact = warehouseFact(orderId);
    await harness.publish(Topics.wmsShipments, [
      { ...fact, packages: fact.packages.map((p) => ({ ...p, lines: [{ lineId: '7', sku: 'TEE-1', quantity: 1 }] })) },
    ]);
    expect(await exceptionFor(orderId)).toMatchObject({ reason: 'UNKNOWN_ORDER_LINE', detail: expect.stringContaining('no line 7') });
  });

  it('TRACKING_NUMBER_REUSED: a tracking number another order shipped with within 90 days', async () => {
    await accept('SHOPIFY:acme-outdoor:E3A');
    await harness.publish(Topics.wmsShipments, [
      warehouseFact('SHOPIFY:acme-outdoor:E3A', {
        packages: warehouseFact('X').packages.map((p) => ({ ...p, packageReference: 'CTN-E3A', trackingNumber: '1Z-SHARED' })),
      }),
    ]);
    await fulfilmentIs('SHOPIFY:acme-outdoor:E3A', 'SHIPPED');
    const orderId = 'SHOPIFY:acme-outdoor:E3B';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [
      warehouseFact(orderId, { packages: warehouseFact('X').packages.map((p) => ({ ...p, packageReference: 'CTN-E3B', trackingNumber: '1Z-SHARED' })) }),
    ]);
    expect(await exceptionFor(orderId)).toMatchObject({ reason: 'TRACKING_NUMBER_REUSED', detail: expect.stringContaining('SHOPIFY:acme-outdoor:E3A') });
  });

  it('CARRIER_UNMAPPED: a carrier the directory does not know, from a warehouse or a tracker', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:E4';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [
      warehouseFact(orderId, { packages: warehouseFact(orderId).packages.map((p) => ({ ...p, carrierCode: 'ACME-FREIGHT' })) }),
    ]);
    expect(await exceptionFor(orderId)).toMatchObject({ reason: 'CARRIER_UNMAPPED', detail: expect.stringContaining('ACME-FREIGHT') });
    await harness.publish(Topics.carrierTracking, [trackingUpdate('LS-1', 'IN_TRANSIT', { carrier: 'LaserShip' })]);
    const parked = await waitFor(
      async () =>
        (await harness.db.query<{ reason: string }>(`SELECT "reason" FROM "ShipmentException" WHERE "subject" LIKE 'tracking:LaserShip:LS-1:%'`)).rows[0],
      { what: 'tracker exception' },
    );
    expect(parked.reason).toBe('CARRIER_UNMAPPED');
  });

  it('dead-letters a malformed record with its reason and original bytes, and the partition moves on', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:M1';
    await accept(orderId);
    const garbage = Buffer.from('{"stage": "SHIPPED", "not": "avro"}');
    await harness.rawProducer.send({ topic: topicName(Topics.wmsShipments, harness.namespace), messages: [{ key: orderId, value: garbage }] });
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId)]);
    await fulfilmentIs(orderId, 'SHIPPED');
    const letter = await waitFor(() => harness.deadLetters.records.find((r) => r.sourceTopic.endsWith('wms-warehouse-shipment.v1')), { what: 'dead letter' });
    expect(letter.errorCode).toBe('MALFORMED_ENVELOPE');
    expect(Buffer.from(letter.value ?? []).equals(garbage)).toBe(true);
    expect(Buffer.from(letter.key ?? []).toString()).toBe(orderId);
  });

  it('records the ERP s posting of a shipped package once and republishes the fulfilment with it', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:P1';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId)]);
    const shipped = await fulfilmentIs(orderId, 'SHIPPED');
    const prisma = service.app.get(PrismaService);
    const recorder = service.app.get(ErpPostingRecorder);
    const posting = { packageReference: `wms-main:CTN-${orderId}`, erpDocumentNumber: 'IF-9001', postedAt: Date.now() };
    const first = await prisma.$transaction((tx) => recorder.recordErpPosting(tx, posting));
    const again = await prisma.$transaction((tx) => recorder.recordErpPosting(tx, posting));
    expect(first).toEqual({ recorded: true, fulfilmentVersion: (shipped?.version ?? 0) + 1 });
    expect(again).toEqual({ recorded: false, fulfilmentVersion: null });
    const posted = await waitFor(() => (harness.latestFulfilment(orderId)?.lines[0]?.erpPostings.length ? harness.latestFulfilment(orderId) : undefined), {
      what: 'posting published',
    });
    expect(posted?.lines[0]?.erpPostings).toEqual([
      { packageReference: posting.packageReference, erpDocumentNumber: 'IF-9001', quantity: 1, postedAt: posting.postedAt },
    ]);
    const row = await harness.db.query<{ status: string; erpDocumentNumber: string }>(
      `SELECT "status", "erpDocumentNumber" FROM "ErpShipmentConfirmation" WHERE "orderId" = $1`,
      [orderId],
    );
    expect(row.rows).toEqual([{ status: 'CONFIRMED', erpDocumentNumber: 'IF-9001' }]);
  });

  it('keeps every published milestone in the order it was reached per package (never regressing)', () => {
    const byPackage = new Map<string, ShipmentMilestone[]>();
    for (const m of harness.milestones.values()) byPackage.set(m.packageReference, [...(byPackage.get(m.packageReference) ?? []), m]);
    const rank = ['LABEL_CREATED', 'PICKED', 'PACKED', 'SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP', 'DELIVERED'];
    for (const milestones of byPackage.values()) {
      const ranks = milestones.map((m) => rank.indexOf(m.milestone)).filter((r) => r >= 0);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
    expect(byPackage.size).toBeGreaterThan(5);
  });
});
