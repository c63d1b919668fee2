import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Topics, type ChannelOrder, type OrderAccepted, type OrderRejected } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor } from '@crossdock/testing';
import type { TopicRecorder } from '@crossdock/testing';
import { http, OrderIngestHarness, REFERENCE_DATA_DIR } from '../test-support/order-ingest.harness';
import { acmeOrder } from '../test-support/order-scenarios';

const h = new OrderIngestHarness('exceptions');

interface ListBody {
  total: number;
  orders: Array<{ orderId: string; reasonCodes: string[]; state: string; ageSeconds: number; issues: Array<{ field: string | null }> }>;
}
interface BadRequest {
  statusCode: number;
  parameter: string;
  message: string;
}
interface ReplayBody {
  results: Array<{ orderId: string; result: string; stateBefore: string; stateAfter: string; reasonCodesAfter: string[] }>;
}

const withLineSku = (order: ChannelOrder, channelSku: string): ChannelOrder => ({
  ...order,
  lines: order.lines.map((l, i) => (i === 0 ? { ...l, channelSku } : l)),
});

describe('exception API', () => {
  let service: RunningService;
  let baseUrl: string;
  let referenceDir: string;
  let accepted: TopicRecorder<OrderAccepted>;
  let rejected: TopicRecorder<OrderRejected>;
  const itemUnmapped = withLineSku(acmeOrder('5001'), 'SHOP-NEW-1');
  const methodUnmapped = { ...acmeOrder('5002'), shipping: { ...acmeOrder('5002').shipping, channelMethodCode: 'Pigeon' } };
  const customerUnmapped = { ...acmeOrder('5003'), customer: { ...acmeOrder('5003').customer, b2bAccountRef: 'WHOLESALE-0000' } };

  const rejectionsOf = (orderId: string) => rejected.values().filter((e) => e.orderId === orderId);

  beforeAll(async () => {
    // A private copy of the reference data, so the test can fix it the way an operator would.
    referenceDir = await mkdtemp(join(tmpdir(), 'order-ingest-reference-'));
    await cp(REFERENCE_DATA_DIR, referenceDir, { recursive: true });
    await h.setUp({ inactiveCustomers: ['C-EPP-0042'] });
    accepted = await h.record(Topics.ordersAccepted);
    rejected = await h.record(Topics.ordersRejected);
    ({ service, baseUrl } = await h.startService({ REFERENCE_DATA_DIR: referenceDir, ERP_UNAVAILABLE_NOTICE_AFTER_MS: '300' }));
    await h.publishOrders([itemUnmapped, methodUnmapped, customerUnmapped]);
    await waitFor(() => ([itemUnmapped, methodUnmapped, customerUnmapped].every((o) => rejectionsOf(o.orderId).length > 0) ? true : undefined), {
      what: 'three held orders',
    });
  });

  afterAll(async () => {
    await service?.stop();
    await h.tearDown();
    await rm(referenceDir, { recursive: true, force: true });
  });

  it('lists held orders filtered by reason, channel and age', async () => {
    const all = await http<ListBody>(`${baseUrl}/exceptions`);
    expect(all.status).toBe(200);
    expect(all.body.orders.map((o) => o.orderId).sort()).toEqual([itemUnmapped, methodUnmapped, customerUnmapped].map((o) => o.orderId).sort());
    expect(all.body.orders.every((o) => o.state === 'HELD' && o.ageSeconds >= 0)).toBe(true);

    const byReason = await http<ListBody>(`${baseUrl}/exceptions?reason=ITEM_UNMAPPED`);
    expect(byReason.body.orders).toEqual([expect.objectContaining({ orderId: itemUnmapped.orderId, reasonCodes: ['ITEM_UNMAPPED'] })]);
    expect(byReason.body.orders[0]?.issues[0]?.field).toBe('lines[0].channelSku');
    expect((await http<ListBody>(`${baseUrl}/exceptions?channel=SHOPIFY&channelAccountId=acme-outdoor`)).body.total).toBe(3);
    expect((await http<ListBody>(`${baseUrl}/exceptions?channel=AMAZON`)).body.total).toBe(0);
    expect((await http<ListBody>(`${baseUrl}/exceptions?minAgeMinutes=60`)).body.total).toBe(0);
    expect((await http<ListBody>(`${baseUrl}/exceptions?maxAgeMinutes=60&limit=2`)).body).toMatchObject({
      total: 3,
      orders: [expect.anything(), expect.anything()],
    });

    // The same picture in the metrics, for dashboards and alerts.
    await waitFor(
      async () => {
        const text = await (await fetch(`${baseUrl}/metrics`)).text();
        return /crossdock_order_ingest_held_orders\{reason="ITEM_UNMAPPED"[^}]*\} 1\n/.test(text) ? true : undefined;
      },
      { what: 'held-orders gauge by reason' },
    );
  });

  it('documents the API with OpenAPI at /docs', async () => {
    const docs = await http<{ paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }> }>(`${baseUrl}/docs-json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/exceptions', '/exceptions/replay', '/exceptions/{orderId}/replay', '/erp-queue', '/reference-data/reload']),
    );
    expect(docs.body.paths['/exceptions']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['reason', 'channel', 'minAgeMinutes', 'maxAgeMinutes', 'status']),
    );
  });

  it.each([
    ['/exceptions?reason=NOT_A_CODE', 'reason'],
    ['/exceptions?channel=MYSPACE', 'channel'],
    ['/exceptions?minAgeMinutes=-5', 'minAgeMinutes'],
    ['/exceptions?minAgeMinutes=99999999', 'minAgeMinutes'],
    ['/exceptions?limit=0', 'limit'],
    ['/exceptions?colour=red', 'colour'],
  ])('GET %s answers 400 naming %s', async (path, parameter) => {
    const response = await http<BadRequest>(`${baseUrl}${path}`);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ statusCode: 400, parameter });
    expect(response.body.message).toContain(parameter);
  });

  it.each([
    ['/exceptions/replay', { orderIds: ['x'] }, 'requestedBy'],
    ['/exceptions/replay', { requestedBy: 'ops', orderIds: [] }, 'orderIds'],
    ['/exceptions/replay', { requestedBy: 'ops' }, 'orderIds'],
    ['/exceptions/SHOPIFY%3Aacme-outdoor%3A5001/replay', { requestedBy: '  ' }, 'requestedBy'],
  ])('POST %s with %j answers 400 naming %s', async (path, body, parameter) => {
    const response = await http<BadRequest>(`${baseUrl}${path}`, { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.body.parameter).toBe(parameter);
  });

  it('replays held orders once the reference data is fixed: released to the ERP once, idempotent, audited', async () => {
    const itemsFile = join(referenceDir, 'items.yaml');
    const fixed = (await readFile(itemsFile, 'utf8'))
      .replace("revision: '2026-11-20.2'", "revision: '2026-11-28.1'")
      .replace('itemMappings:\n', 'itemMappings:\n  - { channelAccountId: acme-outdoor, channelSku: SHOP-NEW-1, sku: CAP-NVY-OS }\n');
    await writeFile(itemsFile, fixed);
    const reload = await http<{ revisions: Array<{ kind: string; revision: string; stored: boolean }> }>(`${baseUrl}/reference-data/reload`, {
      method: 'POST',
    });
    expect(reload.status).toBe(200);
    expect(reload.body.revisions.find((r) => r.kind === 'items')).toEqual({ kind: 'items', revision: '2026-11-28.1', stored: true });

    const body = { requestedBy: 'ops.jane@example.com', reason: 'mapped SHOP-NEW-1', orderIds: [itemUnmapped.orderId, methodUnmapped.orderId] };
    const replay = await http<ReplayBody>(`${baseUrl}/exceptions/replay`, { method: 'POST', body });
    expect(replay.status).toBe(200);
    expect(replay.body.results).toEqual([
      expect.objectContaining({ orderId: itemUnmapped.orderId, result: 'REEVALUATED', stateBefore: 'HELD', stateAfter: 'SUBMISSION_PENDING' }),
      expect.objectContaining({ orderId: methodUnmapped.orderId, result: 'UNCHANGED', stateAfter: 'HELD', reasonCodesAfter: ['SHIPPING_METHOD_UNMAPPED'] }),
    ]);
    const event = await waitFor(() => accepted.values().find((e) => e.orderId === itemUnmapped.orderId), { what: 'the replayed order accepted' });
    expect(event.outcomeSequence).toBe(2);
    expect(event.lines[0]?.sku).toBe('CAP-NVY-OS');

    // Replaying again (a double click, a retried request) changes nothing.
    const again = await http<ReplayBody>(`${baseUrl}/exceptions/${encodeURIComponent(itemUnmapped.orderId)}/replay`, {
      method: 'POST',
      body: { requestedBy: 'ops.sam@example.com' },
    });
    expect(again.body.results).toEqual([expect.objectContaining({ result: 'NOT_REPLAYABLE', stateBefore: 'ACCEPTED' })]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(accepted.values().filter((e) => e.orderId === itemUnmapped.orderId)).toHaveLength(1);
    expect(h.erp.erp.orders().filter((o) => o.externalId === itemUnmapped.orderId)).toEqual([expect.objectContaining({ duplicateSubmissions: 0 })]);
    expect(rejectionsOf(methodUnmapped.orderId)).toHaveLength(1);

    const audit = await http<{ replays: Array<Record<string, unknown>> }>(`${baseUrl}/exceptions/${encodeURIComponent(itemUnmapped.orderId)}/replays`);
    expect(audit.body.replays).toEqual([
      expect.objectContaining({
        requestedBy: 'ops.jane@example.com',
        reason: 'mapped SHOP-NEW-1',
        result: 'REEVALUATED',
        stateBefore: 'HELD',
        stateAfter: 'SUBMISSION_PENDING',
        reasonCodesBefore: ['ITEM_UNMAPPED'],
        reasonCodesAfter: [],
        referenceRevisions: expect.objectContaining({ items: '2026-11-28.1' }),
        requestedAt: expect.any(String),
      }),
      expect.objectContaining({ requestedBy: 'ops.sam@example.com', result: 'NOT_REPLAYABLE' }),
    ]);
    // Loading the same files again stores nothing new.
    const reloadAgain = await http<{ revisions: Array<{ stored: boolean }> }>(`${baseUrl}/reference-data/reload`, { method: 'POST' });
    expect(reloadAgain.body.revisions.every((r) => !r.stored)).toBe(true);
  });

  it('holds an order the ERP refuses (ERP_REJECTED) for an operator', async () => {
    const vip = acmeOrder('5004', { customer: { ...acmeOrder('5004').customer, channelCustomerId: '9901122334455' } });
    await h.publishOrders([vip]);
    const [event] = await waitFor(() => (rejectionsOf(vip.orderId).length > 0 ? rejectionsOf(vip.orderId) : undefined), { what: 'ERP_REJECTED' });
    expect(event).toMatchObject({ disposition: 'HELD', issues: [expect.objectContaining({ reasonCode: 'ERP_REJECTED', retryable: false })] });
    expect(event?.issues[0]?.message).toContain('C-EPP-0042 is inactive');
    const listed = await http<ListBody>(`${baseUrl}/exceptions?reason=ERP_REJECTED`);
    expect(listed.body.orders.map((o) => o.orderId)).toEqual([vip.orderId]);
  });

  it('tells the channel an order waits for an unavailable ERP (ERP_UNAVAILABLE), then accepts it when the ERP returns', async () => {
    const order = acmeOrder('5005');
    h.erp.erp.startOutage(4_000);
    await h.publishOrders([order]);
    const [held] = await waitFor(() => (rejectionsOf(order.orderId).length > 0 ? rejectionsOf(order.orderId) : undefined), { what: 'ERP_UNAVAILABLE' });
    expect(held).toMatchObject({
      disposition: 'HELD',
      outcomeSequence: 1,
      issues: [expect.objectContaining({ reasonCode: 'ERP_UNAVAILABLE', retryable: true })],
    });
    const waiting = await http<ListBody>(`${baseUrl}/exceptions?status=WAITING_FOR_ERP`);
    expect(waiting.body.orders.map((o) => [o.orderId, o.reasonCodes])).toEqual([[order.orderId, ['ERP_UNAVAILABLE']]]);

    const event = await waitFor(() => accepted.values().find((e) => e.orderId === order.orderId), { what: 'accepted after the outage', timeoutMs: 60_000 });
    expect(event.outcomeSequence).toBe(2);
    expect((await http<ListBody>(`${baseUrl}/exceptions?status=WAITING_FOR_ERP`)).body.total).toBe(0);
  });
});
