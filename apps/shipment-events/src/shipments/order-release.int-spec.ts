import { Topics } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleAcceptedLine, sampleOrderCancelled, waitFor } from '@crossdock/testing';
import { ShipmentEventsHarness } from '../test-support/shipment-events.harness';
import { acceptedOrder, warehouseFact } from '../test-support/shipment-facts.samples';

describe('shipment-events: accepted orders released once per location, cancellations before and after pick', () => {
  const harness = new ShipmentEventsHarness('shipment-release');
  let service: RunningService;

  beforeAll(async () => {
    await harness.setUp();
    ({ service } = await harness.startService());
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
  });

  const releasesOf = (orderId: string) => harness.releases.values().filter((r) => r.orderId === orderId);
  const openExceptions = async (orderId: string) =>
    (
      await harness.db.query<{ reason: string; detail: string }>(
        `SELECT "reason", "detail" FROM "ShipmentException" WHERE "orderId" = $1 AND "status" = 'OPEN'`,
        [orderId],
      )
    ).rows;

  it('releases an accepted order once per location, also when OrderAccepted is delivered twice', async () => {
    const order = acceptedOrder('SHOPIFY:acme-outdoor:R1', {
      lines: [
        sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: 2, locationId: 'DC-RENO' }),
        sampleAcceptedLine({ lineId: '2', sku: 'CAP-1', quantity: 1, locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' }),
      ],
    });
    await harness.publish(Topics.ordersAccepted, [order, order]);
    const released = await waitFor(() => (releasesOf(order.orderId).length >= 2 ? releasesOf(order.orderId) : undefined), { what: 'two releases' });
    expect(released.map((r) => [r.releaseId, r.action, r.locationType, r.lines.map((l) => `${l.lineId}x${l.quantity}`).join()])).toEqual([
      [`${order.orderId}@DC-RENO`, 'RELEASE', 'WAREHOUSE', '1x2'],
      [`${order.orderId}@3PL-DALLAS`, 'RELEASE', 'THIRD_PARTY_LOGISTICS', '2x1'],
    ]);
    expect(released[0]).toMatchObject({
      channel: 'SHOPIFY',
      channelOrderId: 'R1',
      erpOrderNumber: order.erpOrderNumber,
      shipTo: order.shipTo,
      causationId: order.eventId,
    });
    await waitFor(() => harness.latestFulfilment(order.orderId), { what: 'fulfilment' });
    expect(harness.latestFulfilment(order.orderId)).toMatchObject({ status: 'RELEASED', version: 1 });

    // A later replay of the same acceptance (and a marker order after it on the same partition) changes nothing.
    const marker = acceptedOrder('SHOPIFY:acme-outdoor:R1-MARKER');
    await harness.publish(Topics.ordersAccepted, [order, marker]);
    await waitFor(() => (releasesOf(marker.orderId).length === 1 ? true : undefined), { what: 'marker released' });
    expect(releasesOf(order.orderId)).toHaveLength(2);
    const rows = await harness.db.query(`SELECT 1 FROM "Shipment" WHERE "orderId" = $1`, [order.orderId]);
    expect(rows.rowCount).toBe(2);
  });

  it('cancels a release nothing of which was picked: CANCEL release, lines cancelled, fulfilment CANCELLED', async () => {
    const order = acceptedOrder('SHOPIFY:acme-outdoor:C1');
    await harness.publish(Topics.ordersAccepted, [order]);
    await waitFor(() => (releasesOf(order.orderId).length === 1 ? true : undefined), { what: 'release' });
    const cancelled = sampleOrderCancelled({ orderId: order.orderId, eventId: 'cancel:C1', cancelledLines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }] });
    await harness.publish(Topics.orderCancellations, [cancelled, cancelled]);
    const cancel = await waitFor(() => releasesOf(order.orderId).find((r) => r.action === 'CANCEL'), { what: 'CANCEL release' });
    expect(cancel).toMatchObject({
      releaseId: `${order.orderId}@DC-RENO`,
      reason: 'CUSTOMER_REQUEST',
      causationId: 'cancel:C1',
      lines: [{ lineId: '1', quantity: 1 }],
    });
    const fulfilment = await waitFor(
      () => (harness.latestFulfilment(order.orderId)?.status === 'CANCELLED' ? harness.latestFulfilment(order.orderId) : undefined),
      {
        what: 'cancelled fulfilment',
      },
    );
    expect(fulfilment?.lines[0]?.cancelledQuantity).toBe(1);
    expect(fulfilment?.version).toBe(2);
    expect(releasesOf(order.orderId).filter((r) => r.action === 'CANCEL')).toHaveLength(1);
  });

  it('refuses a cancellation after picking began with CANCEL_AFTER_PICK and sends no CANCEL', async () => {
    const order = acceptedOrder('SHOPIFY:acme-outdoor:C2');
    await harness.publish(Topics.ordersAccepted, [order]);
    await harness.publish(Topics.wmsShipments, [warehouseFact(order.orderId, { stage: 'PICKED', factKey: 'pick-C2', packages: [] })]);
    await waitFor(() => (harness.latestFulfilment(order.orderId)?.status === 'IN_PROGRESS' ? true : undefined), { what: 'picked' });
    await harness.publish(Topics.orderCancellations, [
      sampleOrderCancelled({ orderId: order.orderId, eventId: 'cancel:C2', cancelledLines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }] }),
    ]);
    const exceptions = await waitFor(async () => ((await openExceptions(order.orderId)).length > 0 ? openExceptions(order.orderId) : undefined), {
      what: 'exception',
    });
    expect(exceptions).toEqual([{ reason: 'CANCEL_AFTER_PICK', detail: expect.stringContaining('picking began at DC-RENO') }]);
    expect(releasesOf(order.orderId).map((r) => r.action)).toEqual(['RELEASE']);
    expect(harness.latestFulfilment(order.orderId)?.lines[0]?.cancelledQuantity).toBe(0);
  });

  it('ignores an acceptance older than a cancellation already seen for the order (outcomeSequence)', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:C3';
    await harness.publish(Topics.orderCancellations, [sampleOrderCancelled({ orderId, eventId: 'cancel:C3', outcomeSequence: 2 })]);
    await waitFor(async () => ((await harness.db.query(`SELECT 1 FROM "OrderOutcome" WHERE "orderId" = $1`, [orderId])).rowCount === 1 ? true : undefined), {
      what: 'outcome',
    });
    const marker = acceptedOrder('SHOPIFY:acme-outdoor:C3-MARKER');
    await harness.publish(Topics.ordersAccepted, [acceptedOrder(orderId, { outcomeSequence: 1 }), marker]);
    await waitFor(() => (releasesOf(marker.orderId).length === 1 ? true : undefined), { what: 'marker released' });
    expect(releasesOf(orderId)).toEqual([]);
  });

  it('keeps the release state from the warehouse and turns REJECTED and CANCEL_REFUSED into exceptions', async () => {
    const order = acceptedOrder('SHOPIFY:acme-outdoor:O1', {
      lines: [
        sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: 1, locationId: 'DC-RENO' }),
        sampleAcceptedLine({ lineId: '2', sku: 'CAP-1', quantity: 1, locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' }),
      ],
    });
    await harness.publish(Topics.ordersAccepted, [order]);
    await waitFor(() => (releasesOf(order.orderId).length === 2 ? true : undefined), { what: 'releases' });
    const outcome = (releaseId: string, status: 'ACKNOWLEDGED' | 'REJECTED' | 'CANCEL_REFUSED', reason: string | null) => ({
      eventId: `outcome:${releaseId}:${status}`,
      causationId: 'release',
      releaseId,
      orderId: order.orderId,
      locationId: releaseId.split('@')[1] ?? '',
      action: status === 'CANCEL_REFUSED' ? ('CANCEL' as const) : ('RELEASE' as const),
      status,
      warehouseReference: 'PT-77',
      reason,
      detail: null,
      occurredAt: Date.now(),
    });
    await harness.publish(Topics.warehouseReleaseOutcomes, [
      outcome(`${order.orderId}@DC-RENO`, 'ACKNOWLEDGED', null),
      outcome(`${order.orderId}@3PL-DALLAS`, 'REJECTED', 'AK5_R'),
      outcome(`${order.orderId}@3PL-DALLAS`, 'REJECTED', 'AK5_R'),
      outcome(`${order.orderId}@DC-RENO`, 'CANCEL_REFUSED', 'ALREADY_PICKED'),
      { ...outcome(`${order.orderId}@DC-ELSEWHERE`, 'ACKNOWLEDGED', null), eventId: 'outcome:unknown-release' },
    ]);
    const exceptions = await waitFor(async () => ((await openExceptions(order.orderId)).length >= 3 ? openExceptions(order.orderId) : undefined), {
      what: 'exceptions',
    });
    expect(exceptions.map((e) => e.reason).sort()).toEqual(['CANCEL_REFUSED', 'RELEASE_REJECTED', 'UNKNOWN_RELEASE']);
    expect(exceptions.find((e) => e.reason === 'RELEASE_REJECTED')?.detail).toContain('AK5_R');
    const states = await harness.db.query<{ shipmentId: string; releaseStatus: string }>(
      `SELECT "shipmentId", "releaseStatus" FROM "Shipment" WHERE "orderId" = $1 ORDER BY 1`,
      [order.orderId],
    );
    expect(states.rows.map((r) => r.releaseStatus)).toEqual(['REJECTED', 'CANCEL_REFUSED']);
  });
});
