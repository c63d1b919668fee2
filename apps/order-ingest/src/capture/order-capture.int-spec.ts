import { Topics, topicName, type ChannelOrder, type OrderAccepted, type OrderCancelled, type OrderRejected } from '@crossdock/contracts';
import { MessageHeader } from '@crossdock/messaging';
import type { RunningService } from '@crossdock/service-kit';
import { startTelemetry, withSpan, type TelemetryHandle } from '@crossdock/observability';
import { waitForTrace } from '@crossdock/observability/testing';
import { metricValue, waitFor } from '@crossdock/testing';
import type { TopicRecorder } from '@crossdock/testing';
import { http, OrderIngestHarness } from '../test-support/order-ingest.harness';
import { acmeOrder, REASON_CASES, SCENARIO_ITEMS } from '../test-support/order-scenarios';

const h = new OrderIngestHarness('capture');

describe('order capture on the real stack', () => {
  let telemetry: TelemetryHandle;
  let service: RunningService;
  let baseUrl: string;
  let accepted: TopicRecorder<OrderAccepted>;
  let rejected: TopicRecorder<OrderRejected>;
  let cancelled: TopicRecorder<OrderCancelled>;

  const acceptedFor = (orderId: string) => accepted.values().filter((e) => e.orderId === orderId);

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'order-ingest', otlpEndpoint: h.env.otlpEndpoint });
    await h.setUp();
    accepted = await h.record(Topics.ordersAccepted);
    rejected = await h.record(Topics.ordersRejected);
    cancelled = await h.record(Topics.orderCancellations);
    ({ service, baseUrl } = await h.startService());
  });

  afterAll(async () => {
    await service?.stop();
    await h.tearDown();
    await telemetry?.shutdown();
  });

  it('books a valid order in the ERP and publishes OrderAccepted, in one Jaeger trace from the channel event to the accepted event', async () => {
    const order = acmeOrder('1001');
    const traceId = await withSpan('channel-gateway publishes order', {}, async (span) => {
      await h.publishOrders([order]);
      return span.spanContext().traceId;
    });

    const [event] = await waitFor(() => (acceptedFor(order.orderId).length > 0 ? acceptedFor(order.orderId) : undefined), { what: 'OrderAccepted 1001' });
    const erpOrder = h.erp.erp.order(order.orderId);
    expect(erpOrder).toMatchObject({ status: 'OPEN', via: 'REST', erpCustomerNumber: 'C-WEB-SHOPIFY' });
    expect(event).toMatchObject({
      orderId: order.orderId,
      causationId: order.eventId,
      outcomeSequence: 1,
      erpSystem: 'erp-sim',
      erpOrderNumber: erpOrder?.erpOrderNumber,
      account: { erpCustomerNumber: 'C-WEB-SHOPIFY' },
      tax: { jurisdictionCode: 'US-OR' },
    });
    expect(event?.lines.map((l) => [l.lineId, l.sku, l.quantity, l.locationId])).toEqual([
      ['1', 'TEE-BLK-M', 2, 'DC-RENO'],
      ['2', 'HOODIE-GRY-L', 1, 'DC-RENO'],
      ['3', 'CAP-NVY-OS', 3, 'DC-RENO'],
    ]);
    const record = accepted.records.find((r) => r.value.orderId === order.orderId);
    expect(record?.key).toBe(order.orderId);
    expect(record?.headers['traceparent']?.split('-')[1]).toBe(traceId);

    // Spans reach Jaeger in export batches (the ERP call and the relay end after the consumer span): wait for all of them.
    const expected = [`${Topics.channelOrders.name} process`, 'order-ingest validate', 'erp submit', `${Topics.ordersAccepted.name} send`];
    const names = await waitFor(
      async () => {
        await telemetry.flush();
        const trace = await waitForTrace(h.env.jaegerQueryUrl, traceId, { minSpans: 1, timeoutMs: 5_000 });
        const seen = trace.spans.map((span) => span.operationName);
        return expected.every((name) => seen.includes(name)) ? seen : undefined;
      },
      { what: `spans ${expected.join(', ')} in trace ${traceId}`, timeoutMs: 30_000, intervalMs: 500 },
    );
    expect(names).toEqual(expect.arrayContaining(expected));
  });

  it('books a new order with one ERP call, counted once, and relays its OrderAccepted once', async () => {
    const submissions = () => metricValue(baseUrl, 'crossdock_order_ingest_erp_calls_total', { kind: 'SUBMIT', outcome: 'DONE' });
    const published = () => metricValue(baseUrl, 'crossdock_outbox_events_published_total', { topic: 'ordersAccepted' });
    const submittedBefore = await submissions();
    const publishedBefore = await published();
    const order = acmeOrder('1001-counted');
    await h.publishOrders([order]);

    await waitFor(() => (acceptedFor(order.orderId).length > 0 ? true : undefined), { what: 'OrderAccepted 1001-counted' });
    expect(h.erp.erp.order(order.orderId)).toMatchObject({ status: 'OPEN', duplicateSubmissions: 0 });
    expect(await submissions()).toBe(submittedBefore + 1);
    await waitFor(async () => ((await published()) > publishedBefore ? true : undefined), { what: 'the relay to count OrderAccepted 1001-counted' });
    expect(await published()).toBe(publishedBefore + 1);
    expect(acceptedFor(order.orderId)).toHaveLength(1);
  });

  it("sends every OrderAccepted of a burst with its own order's trace, also when the relay publishes them together", async () => {
    // Slow ERP answers arrive together, so their acceptances are recorded and relayed as one batch.
    h.erp.erp.configure({ latencyMs: 300 });
    try {
      const orders = ['1101', '1102', '1103', '1104', '1105', '1106'].map((n) => acmeOrder(n));
      const traceIdOf = new Map(orders.map((o, i) => [o.orderId, `${'ab'.repeat(15)}${String(i + 10)}`]));
      await h.publisher.publishMany(
        Topics.channelOrders,
        orders.map((o) => ({ key: o.orderId, value: o, options: { traceparent: `00-${traceIdOf.get(o.orderId)}-${'12'.repeat(8)}-01` } })),
      );

      const records = await waitFor(
        () => {
          const found = orders.map((o) => accepted.records.find((r) => r.value.orderId === o.orderId));
          return found.every((r) => r !== undefined) ? found.filter((r) => r !== undefined) : undefined;
        },
        { what: 'OrderAccepted for the burst', timeoutMs: 30_000 },
      );
      expect(records.map((r) => [r.value.orderId, r.headers[MessageHeader.TraceParent]?.split('-')[1]])).toEqual(
        orders.map((o) => [o.orderId, traceIdOf.get(o.orderId)]),
      );
      // At least two went out in one send (one occurred-at per send), so the batch path is what was checked.
      const sends = new Set(records.map((r) => r.headers[MessageHeader.OccurredAt]));
      expect(sends.size).toBeLessThan(records.length);
    } finally {
      h.erp.erp.configure({ latencyMs: 0 });
    }
  });

  it('books an order published three times once: one OrderAccepted, one ERP order, two duplicates counted', async () => {
    const before = await metricValue(baseUrl, 'crossdock_order_ingest_duplicates_suppressed_total');
    const order = acmeOrder('1002');
    await h.publishOrders([order]);
    await h.publishOrders([order]);
    // A webhook retry that got a fresh event id but carries the same snapshot.
    await h.publishOrders([{ ...order, eventId: 'evt-1002-webhook-retry' }]);

    await waitFor(() => (acceptedFor(order.orderId).length > 0 ? true : undefined), { what: 'OrderAccepted 1002' });
    await waitFor(async () => ((await metricValue(baseUrl, 'crossdock_order_ingest_duplicates_suppressed_total')) - before === 2 ? true : undefined), {
      what: 'two duplicates counted',
    });
    // Give a wrongly booked second copy time to show up before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(acceptedFor(order.orderId)).toHaveLength(1);
    expect(h.erp.erp.orders().filter((o) => o.externalId === order.orderId)).toEqual([expect.objectContaining({ duplicateSubmissions: 0 })]);
  });

  it('rejects or holds one order per reason code, naming the code and the offending field, and lists the held ones', async () => {
    const cases = REASON_CASES.map((c, i) => ({ ...c, sent: c.order(`reason-${i}`) }));
    await h.publishOrders(cases.map((c) => c.sent));

    const outcomes = await waitFor(
      () => {
        const found = cases.map((c) => rejected.values().find((e) => e.orderId === c.sent.orderId));
        return found.every((e) => e !== undefined) ? (found as OrderRejected[]) : undefined;
      },
      { what: 'one OrderRejected per reason case', timeoutMs: 60_000 },
    );
    expect(outcomes.map((e) => [e.issues[0]?.reasonCode, e.disposition])).toEqual(cases.map((c) => [c.code, c.disposition]));
    for (const event of outcomes) {
      expect(event.issues.every((i) => i.message.length > 0)).toBe(true);
      expect(event.outcomeSequence).toBe(1);
    }
    expect(outcomes.find((e) => e.issues[0]?.reasonCode === 'ITEM_UNMAPPED')?.issues[0]).toMatchObject({
      field: 'lines[1].channelSku',
      lineId: '2',
      retryable: true,
    });
    for (const c of cases) expect(h.erp.erp.order(c.sent.orderId)).toBeUndefined();

    const held = await http<{ orders: Array<{ orderId: string; reasonCodes: string[] }>; total: number }>(`${baseUrl}/exceptions?reason=ITEM_UNMAPPED`);
    expect(held.status).toBe(200);
    expect(held.body.orders.map((o) => o.orderId)).toEqual([cases.find((c) => c.code === 'ITEM_UNMAPPED')?.sent.orderId]);
    const rejectedList = await http<{ total: number }>(`${baseUrl}/exceptions?status=REJECTED`);
    expect(rejectedList.body.total).toBe(cases.filter((c) => c.disposition === 'REJECTED').length);
  });

  it('dead-letters garbage, a not actionable event and a line-level cancel, and the same partition moves on to the next order', async () => {
    const order = acmeOrder('1004');
    const garbage = Buffer.from('{"orderId":"not avro"}');
    await h.rawProducer.send({
      topic: `${h.namespace}${Topics.channelOrders.name}`,
      messages: [{ key: order.orderId, value: garbage, headers: { [MessageHeader.CorrelationId]: 'corr-poison' } }],
    });
    const unknownType: ChannelOrder = { ...order, eventId: 'evt-1004-unknown', eventType: 'UNKNOWN' };
    const partialCancel: ChannelOrder = {
      ...order,
      eventId: 'evt-1004-cancel-line-2',
      eventType: 'CANCELLED',
      cancellation: { reasonCode: 'customer', reason: null, lines: [{ lineId: '2', quantity: 1 }] },
    };
    await h.publishOrders([unknownType, order, partialCancel]);

    await waitFor(() => (acceptedFor(order.orderId).length > 0 ? true : undefined), { what: 'the order after the poison ones' });
    const letters = await waitFor(
      () => {
        const mine = h.deadLetters.records.filter((r) => Buffer.from(r.key ?? []).toString() === order.orderId);
        return mine.length === 3 ? mine.sort((a, b) => a.offset - b.offset) : undefined;
      },
      { what: 'three dead letters for 1004' },
    );
    expect(letters.map((r) => [r.errorCode, r.attempts])).toEqual([
      ['MALFORMED_ENVELOPE', 1],
      ['ORDER_EVENT_NOT_ACTIONABLE', 1],
      ['PARTIAL_CANCELLATION_UNSUPPORTED', 1],
    ]);
    // The accepted order stays booked: nothing was cancelled in the ERP or announced.
    expect(h.erp.erp.order(order.orderId)?.status).toBe('OPEN');
    expect(cancelled.values().filter((e) => e.orderId === order.orderId)).toEqual([]);
    expect(Buffer.from(letters[0]?.value ?? [])).toEqual(garbage);
  });

  it('cancels a booked order in the ERP once, however often the cancellation arrives', async () => {
    const order = acmeOrder('1005');
    await h.publishOrders([order]);
    await waitFor(() => (acceptedFor(order.orderId).length > 0 ? true : undefined), { what: 'OrderAccepted 1005' });

    const cancel: ChannelOrder = {
      ...order,
      eventId: 'evt-1005-cancel',
      eventType: 'CANCELLED',
      occurredAt: order.occurredAt + 60_000,
      cancellation: { reasonCode: 'CUSTOMER_REQUEST', reason: 'changed mind', lines: [] },
    };
    await h.publishOrders([cancel, cancel, { ...cancel, eventId: 'evt-1005-cancel-retry' }]);
    const [event] = await waitFor(
      () => {
        const mine = cancelled.values().filter((e) => e.orderId === order.orderId);
        return mine.length > 0 ? mine : undefined;
      },
      { what: 'OrderCancelled 1005' },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    expect(cancelled.values().filter((e) => e.orderId === order.orderId)).toHaveLength(1);
    expect(event).toMatchObject({ status: 'CANCELLED', reasonCode: 'CUSTOMER_REQUEST', outcomeSequence: 2, causationId: 'evt-1005-cancel' });
    expect(event?.cancelledLines.map((l) => [l.sku, l.quantity])).toEqual([
      ['TEE-BLK-M', 2],
      ['HOODIE-GRY-L', 1],
      ['CAP-NVY-OS', 3],
    ]);
    expect(h.erp.erp.order(order.orderId)?.status).toBe('CANCELLED');
    expect(h.erp.erp.stats().cancellations).toBe(1);
  });
  it('forgets an item deleted from the item master (a tombstone) at once, and knows it again when it returns', async () => {
    const items = topicName(Topics.itemMaster, h.namespace);
    await h.rawProducer.send({ topic: items, messages: [{ key: 'CAP-NVY-OS', value: null }] });
    const order = acmeOrder('1006');
    await waitFor(
      async () => {
        // Orders keep coming until one is decided after the deletion has been applied.
        await h.publishOrders([{ ...order, eventId: `evt-1006-${Date.now()}` }]);
        return rejected.values().some((e) => e.orderId === order.orderId) ? true : undefined;
      },
      { what: 'an order for the deleted item held', intervalMs: 1_000 },
    );
    const [held] = rejected.values().filter((e) => e.orderId === order.orderId);
    expect(held?.disposition).toBe('HELD');
    expect(held?.issues.map((i) => i.reasonCode)).toContain('ITEM_UNMAPPED');
    expect(h.deadLetters.records.filter((r) => r.sourceTopic === items)).toEqual([]);

    await h.publish(
      Topics.itemMaster,
      SCENARIO_ITEMS.filter((i) => i.sku === 'CAP-NVY-OS'),
    );
    // A new order each time: one decided before the item's return was applied is held, and sending
    // that same order again is (rightly) a duplicate, not a reason to decide it again.
    const attempts: string[] = [];
    await waitFor(
      async () => {
        const next = acmeOrder(`1007-${attempts.length}`);
        attempts.push(next.orderId);
        await h.publishOrders([next]);
        return attempts.some((orderId) => acceptedFor(orderId).length > 0) ? true : undefined;
      },
      { what: 'an order for the returned item accepted', intervalMs: 1_000 },
    );
  });
});
