import { Client } from 'pg';
import { Topics, type ChannelOrder, type OrderAccepted, type OrderCancelled, type OrderFulfilment } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { metricValue, waitFor, type TopicRecorder } from '@crossdock/testing';
import { OrderIngestHarness } from '../test-support/order-ingest.harness';
import { acmeOrder } from '../test-support/order-scenarios';

const h = new OrderIngestHarness('cancellation-guard');

/** shipment-events' statement for an accepted order: every line as accepted, with the picked / shipped units given per line id. */
function fulfilment(accepted: OrderAccepted, version: number, done: Record<string, { picked: number; shipped: number }>): OrderFulfilment {
  return {
    orderId: accepted.orderId,
    channel: accepted.channel,
    channelAccountId: accepted.channelAccountId,
    channelOrderId: accepted.channelOrderId,
    erpOrderNumber: accepted.erpOrderNumber,
    status: Object.values(done).some((l) => l.shipped > 0) ? 'PARTIALLY_SHIPPED' : Object.keys(done).length > 0 ? 'IN_PROGRESS' : 'RELEASED',
    lines: accepted.lines.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      locationId: line.locationId,
      orderedQuantity: line.quantity,
      pickedQuantity: done[line.lineId]?.picked ?? 0,
      shortQuantity: 0,
      shippedQuantity: done[line.lineId]?.shipped ?? 0,
      deliveredQuantity: 0,
      cancelledQuantity: 0,
      erpPostings: [],
    })),
    version,
    updatedAt: Date.now(),
  };
}

function cancellation(order: ChannelOrder): ChannelOrder {
  return {
    ...order,
    eventId: `${order.eventId}-cancel`,
    eventType: 'CANCELLED',
    occurredAt: order.occurredAt + 60_000,
    cancellation: { reasonCode: 'CUSTOMER_REQUEST', reason: 'changed mind', lines: [] },
  };
}

describe('cancellation guard: an order the warehouse picked or shipped is not cancelled in the ERP', () => {
  let service: RunningService;
  let baseUrl: string;
  let accepted: TopicRecorder<OrderAccepted>;
  let cancelled: TopicRecorder<OrderCancelled>;
  let db: Client;

  async function booked(n: string): Promise<{ order: ChannelOrder; acceptance: OrderAccepted }> {
    const order = acmeOrder(n);
    await h.publishOrders([order]);
    const acceptance = await waitFor(() => accepted.values().find((e) => e.orderId === order.orderId), { what: `OrderAccepted ${n}` });
    return { order, acceptance };
  }

  async function progressOf(orderId: string): Promise<{ progress: string; version: number } | undefined> {
    const result = await db.query<{ progress: string; version: number }>(
      `SELECT "progress", "version"::int AS version FROM "OrderFulfilmentProgress" WHERE "orderId" = $1`,
      [orderId],
    );
    return result.rows[0];
  }

  async function erpCallsOf(orderId: string): Promise<string[]> {
    const result = await db.query<{ kind: string }>(`SELECT "kind" FROM "ErpQueueEntry" WHERE "orderId" = $1 ORDER BY "sequence"`, [orderId]);
    return result.rows.map((row) => row.kind);
  }

  const cancellationOf = (orderId: string) => waitFor(() => cancelled.values().find((e) => e.orderId === orderId), { what: `OrderCancelled ${orderId}` });

  beforeAll(async () => {
    await h.setUp();
    accepted = await h.record(Topics.ordersAccepted);
    cancelled = await h.record(Topics.orderCancellations);
    ({ service, baseUrl } = await h.startService());
    db = new Client({ connectionString: h.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await service?.stop();
    await h.tearDown();
  });

  it('refuses to cancel a shipped order with ALREADY_SHIPPED, without any ERP call, and an older statement does not undo the shipment', async () => {
    const { order, acceptance } = await booked('2001');
    const cancellationsBefore = h.erp.erp.stats().cancellations;
    // Released, then shipped part of line 1, then the released statement redelivered late.
    await h.publish(Topics.orderFulfilment, [
      fulfilment(acceptance, 1, {}),
      fulfilment(acceptance, 2, { '1': { picked: 1, shipped: 1 } }),
      fulfilment(acceptance, 1, {}),
    ]);
    await waitFor(async () => ((await metricValue(baseUrl, 'crossdock_order_ingest_fulfilment_records_total', { outcome: 'STALE' })) >= 1 ? true : undefined), {
      what: 'the late statement handled',
    });
    expect(await progressOf(order.orderId)).toEqual({ progress: 'SHIPPED', version: 2 });

    await h.publishOrders([cancellation(order)]);
    const refused = await cancellationOf(order.orderId);
    expect(refused).toMatchObject({
      status: 'NOT_CANCELLABLE',
      reasonCode: 'ALREADY_SHIPPED',
      cancelledLines: [],
      erpOrderNumber: acceptance.erpOrderNumber,
      outcomeSequence: 2,
      causationId: `${order.eventId}-cancel`,
    });
    expect(refused.message).toMatch(/already shipped/);
    // Every ERP call goes through the queue: the submission is the order's only one.
    expect(await erpCallsOf(order.orderId)).toEqual(['SUBMIT']);
    expect(h.erp.erp.order(order.orderId)?.status).toBe('OPEN');
    expect(h.erp.erp.stats().cancellations).toBe(cancellationsBefore);
  });

  it('refuses to cancel a picked order with ALREADY_PICKED', async () => {
    const { order, acceptance } = await booked('2002');
    await h.publish(Topics.orderFulfilment, [fulfilment(acceptance, 1, { '2': { picked: 1, shipped: 0 } })]);
    await waitFor(async () => ((await progressOf(order.orderId))?.progress === 'PICKED' ? true : undefined), { what: 'progress PICKED' });
    await h.publishOrders([cancellation(order)]);
    expect(await cancellationOf(order.orderId)).toMatchObject({ status: 'NOT_CANCELLABLE', reasonCode: 'ALREADY_PICKED' });
    expect(await erpCallsOf(order.orderId)).toEqual(['SUBMIT']);
    expect(h.erp.erp.order(order.orderId)?.status).toBe('OPEN');
  });

  it('cancels in the ERP as before when the warehouse has not picked anything yet', async () => {
    const { order, acceptance } = await booked('2003');
    await h.publish(Topics.orderFulfilment, [fulfilment(acceptance, 1, {})]);
    await waitFor(async () => ((await progressOf(order.orderId))?.progress === 'NOT_STARTED' ? true : undefined), { what: 'progress NOT_STARTED' });
    await h.publishOrders([cancellation(order)]);
    expect(await cancellationOf(order.orderId)).toMatchObject({ status: 'CANCELLED', reasonCode: 'CUSTOMER_REQUEST' });
    expect(await erpCallsOf(order.orderId)).toEqual(['SUBMIT', 'CANCEL']);
    expect(h.erp.erp.order(order.orderId)?.status).toBe('CANCELLED');
  });

  it('dead-letters a statement with an impossible quantity', async () => {
    const { acceptance } = await booked('2004');
    const bad = fulfilment(acceptance, 1, { '1': { picked: -1, shipped: 0 } });
    await h.publish(Topics.orderFulfilment, [bad]);
    const letter = await waitFor(() => h.deadLetters.records.find((r) => r.sourceTopic.endsWith('order-fulfilment.v1')), { what: 'a dead letter' });
    expect(letter.errorCode).toBe('INVALID_FULFILMENT_QUANTITY');
    expect(letter.errorMessage).toContain('lines.0.pickedQuantity -1');
    expect(await progressOf(acceptance.orderId)).toBeUndefined();
  });
});
