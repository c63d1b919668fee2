import { Topics } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { metricSeries, waitFor } from '@crossdock/testing';
import { ShipmentEventsHarness } from '../test-support/shipment-events.harness';
import { acceptedOrder, trackingUpdate, warehouseFact } from '../test-support/shipment-facts.samples';

interface ExceptionView {
  id: string;
  reason: string;
  status: string;
  orderId: string | null;
  channel: string | null;
  replayable: boolean;
  resolution: string | null;
  replayCount: number;
  replays?: Array<{ actor: string; outcome: string; reasonBefore: string; reasonAfter: string | null }>;
}
interface ReplayResult {
  id: string;
  outcome: string;
  reasonBefore: string | null;
  reasonAfter: string | null;
}

describe('shipment-events: the exception API (list, one, replay after the cause is fixed, audited)', () => {
  const harness = new ShipmentEventsHarness('shipment-exceptions');
  let service: RunningService;
  let baseUrl: string;

  beforeAll(async () => {
    await harness.setUp();
    // A short grace, so facts for orders never accepted become UNKNOWN_ORDER / UNKNOWN_TRACKING_NUMBER within the test.
    ({ service, baseUrl } = await harness.startService({
      SHIPMENT_UNKNOWN_ORDER_GRACE_MS: '1000',
      SHIPMENT_WAITING_SWEEP_MS: '200',
      SHIPMENT_METRICS_REFRESH_MS: '200',
    }));
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
  });

  const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };
  const post = async <T>(path: string, body: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  const list = async (query: string) => (await get<{ exceptions: ExceptionView[]; total: number }>(`/exceptions?${query}`)).body;
  const replay = async (body: Record<string, unknown>) => {
    const response = await post<{ requestedBy: string; results: ReplayResult[] }>('/exceptions/replay', body);
    expect(response.status).toBe(200);
    return response.body.results;
  };
  const exceptionOf = (query: string, what: string) =>
    waitFor(async () => (await list(query)).exceptions[0], { what, timeoutMs: 20_000 }) as Promise<ExceptionView>;
  const outboxCount = async (topic: string, orderId: string) =>
    Number(
      (await harness.db.query<{ n: string }>(`SELECT count(*) AS n FROM "EventOutbox" WHERE "topic" = $1 AND "messageKey" = $2`, [topic, orderId])).rows[0]?.n,
    );

  async function accept(orderId: string) {
    await harness.publish(Topics.ordersAccepted, [acceptedOrder(orderId)]);
    await waitFor(() => harness.latestFulfilment(orderId), { what: `${orderId} accepted` });
  }

  it('lists exceptions by reason, channel, order, age and status; one exception by id; 404 for an unknown id', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:L1';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [
      warehouseFact(orderId, { packages: warehouseFact(orderId).packages.map((p) => ({ ...p, carrierCode: 'ACME-FREIGHT' })) }),
    ]);
    await harness.publish(Topics.carrierTracking, [trackingUpdate('LS-L1', 'IN_TRANSIT', { carrier: 'LaserShip' })]);
    const unmapped = await exceptionOf(`orderId=${encodeURIComponent(orderId)}`, 'carrier exception of L1');
    expect(unmapped).toMatchObject({ reason: 'CARRIER_UNMAPPED', status: 'OPEN', channel: 'SHOPIFY', replayable: true, replayCount: 0 });
    await waitFor(async () => ((await list('reason=CARRIER_UNMAPPED')).total === 2 ? true : undefined), { what: 'both carrier exceptions' });

    expect((await list('channel=SHOPIFY&reason=CARRIER_UNMAPPED')).exceptions.map((e) => e.id)).toEqual([unmapped.id]);
    expect((await list('channel=AMAZON')).total).toBe(0);
    expect((await list('reason=OVER_SHIPMENT')).total).toBe(0);
    expect((await list('minAgeMinutes=60')).total).toBe(0);
    expect((await list('maxAgeMinutes=60&reason=CARRIER_UNMAPPED')).total).toBe(2);
    expect((await list('status=RESOLVED')).total).toBe(0);
    expect((await list('replayed=true')).total).toBe(0);
    const page = await list('reason=CARRIER_UNMAPPED&limit=1&offset=1');
    expect(page.total).toBe(2);
    expect(page.exceptions).toHaveLength(1);
    expect(page.exceptions[0]?.id).not.toBe(unmapped.id);

    const one = await get<ExceptionView>(`/exceptions/${unmapped.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: unmapped.id, reason: 'CARRIER_UNMAPPED', orderId, replays: [] });
    const missing = await get<{ message: string }>('/exceptions/987654321');
    expect(missing).toEqual({ status: 404, body: expect.objectContaining({ message: 'no exception 987654321' }) });
  });

  it.each([
    ['/exceptions?reason=LOST_IN_SPACE', 'reason'],
    ['/exceptions?channel=MYSPACE', 'channel'],
    ['/exceptions?minAgeMinutes=-1', 'minAgeMinutes'],
    ['/exceptions?limit=0', 'limit'],
    ['/exceptions?status=REPLAYED', 'status'],
    ['/exceptions?replayed=yes', 'replayed'],
    ['/exceptions?colour=red', 'colour'],
    ['/exceptions/abc', 'id'],
    ['/exceptions/99999999999999999999', 'id'],
    ['/exceptions/replay?outcome=MAYBE', 'outcome'],
    ['/exceptions/replay?limit=501', 'limit'],
  ])('GET %s is a 400 naming %s', async (path, parameter) => {
    const response = await get<{ code: string; parameter: string; message: string }>(path);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_PARAMETER', parameter, message: expect.stringContaining(parameter) });
  });

  it.each([
    [{}, 'requestedBy'],
    [{ requestedBy: '  ' }, 'requestedBy'],
    [{ requestedBy: 'ops@acme', ids: [] }, 'ids'],
    [{ requestedBy: 'ops@acme', ids: ['x'] }, 'ids.0'],
    [{ requestedBy: 'ops@acme', filter: { reason: 'NOPE' } }, 'filter.reason'],
    [{ requestedBy: 'ops@acme', filter: { maxAgeMinutes: null } }, 'filter.maxAgeMinutes'],
    [{ requestedBy: 'ops@acme', filter: { minAgeMinutes: '5' } }, 'filter.minAgeMinutes'],
    [{ requestedBy: 'ops@acme', acceptTrackingReuse: 'yes' }, 'acceptTrackingReuse'],
    [{ requestedBy: 'ops@acme', everything: true }, 'everything'],
  ])('POST /exceptions/replay %j is a 400 naming %s', async (body, parameter) => {
    const response = await post<{ code: string; parameter: string }>('/exceptions/replay', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'INVALID_PARAMETER', parameter });
  });

  it('replay while the order is still unknown stays an exception with the attempt recorded; once accepted it applies exactly once', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:R1';
    const tracking = `1Z-${orderId}`;
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId)]);
    await harness.publish(Topics.carrierTracking, [trackingUpdate(tracking, 'IN_TRANSIT')]);
    const shipFact = await exceptionOf(`reason=UNKNOWN_ORDER&orderId=${encodeURIComponent(orderId)}`, 'UNKNOWN_ORDER');
    const scan = await exceptionOf('reason=UNKNOWN_TRACKING_NUMBER', 'UNKNOWN_TRACKING_NUMBER');
    expect(shipFact.channel).toBeNull();

    const early = await replay({ requestedBy: 'ops@acme', ids: [shipFact.id] });
    expect(early).toEqual([
      { id: shipFact.id, outcome: 'STILL_FAILING', reasonBefore: 'UNKNOWN_ORDER', reasonAfter: 'UNKNOWN_ORDER', detail: expect.any(String) },
    ]);
    expect((await list('replayed=true')).exceptions.map((e) => e.id)).toEqual([shipFact.id]);

    // The cause is fixed: the order is accepted. A parked fact does not apply by itself, the replay applies it.
    await accept(orderId);
    expect((await get<ExceptionView>(`/exceptions/${shipFact.id}`)).body.status).toBe('OPEN');
    const [applied, alsoApplied] = await Promise.all([
      replay({ requestedBy: 'ops@acme', ids: [shipFact.id, scan.id, shipFact.id] }),
      replay({ requestedBy: 'lead@acme', ids: [shipFact.id] }),
    ]);
    const outcomes = [...applied, ...alsoApplied].filter((r) => r.id === shipFact.id).map((r) => r.outcome);
    expect(outcomes.sort()).toEqual(['ALREADY_RESOLVED', 'APPLIED']);
    expect(applied.find((r) => r.id === scan.id)).toMatchObject({ outcome: 'APPLIED', reasonBefore: 'UNKNOWN_TRACKING_NUMBER', reasonAfter: null });

    // Exactly once: two milestones (shipped, in transit), one ERP confirmation, whatever was replayed after.
    expect(await replay({ requestedBy: 'ops@acme', ids: [shipFact.id, scan.id] })).toMatchObject([
      { outcome: 'ALREADY_RESOLVED' },
      { outcome: 'ALREADY_RESOLVED' },
    ]);
    expect(await outboxCount('shipmentMilestones', orderId)).toBe(2);
    const milestones = await waitFor(
      () => {
        const mine = harness.milestones.values().filter((m) => m.orderId === orderId);
        return mine.length >= 2 ? mine : undefined;
      },
      { what: 'milestones of R1' },
    );
    expect(milestones.map((m) => m.milestone)).toEqual(['SHIPPED', 'IN_TRANSIT']);
    expect((await harness.db.query(`SELECT 1 FROM "ErpShipmentConfirmation" WHERE "orderId" = $1`, [orderId])).rowCount).toBe(1);
    expect(harness.latestFulfilment(orderId)?.lines[0]?.shippedQuantity).toBe(1);

    const audited = (await get<ExceptionView>(`/exceptions/${shipFact.id}`)).body;
    expect(audited).toMatchObject({ status: 'RESOLVED', resolution: 'APPLIED', replayCount: 4 });
    expect(audited.replays?.map((r) => r.outcome)).toEqual(['STILL_FAILING', expect.any(String), expect.any(String), 'ALREADY_RESOLVED']);
    expect(
      audited.replays
        ?.slice(1, 3)
        .map((r) => r.outcome)
        .sort(),
    ).toEqual(['ALREADY_RESOLVED', 'APPLIED']);
    expect(new Set(audited.replays?.map((r) => r.actor))).toEqual(new Set(['ops@acme', 'lead@acme']));
    expect((await list(`status=RESOLVED&orderId=${encodeURIComponent(orderId)}`)).exceptions.map((e) => e.id)).toEqual([shipFact.id]);

    // The audit across exceptions, newest first: the lead's one replay of the ship fact.
    const lead = await get<{ total: number; replays: Array<{ exceptionId: string; actor: string; outcome: string }> }>(
      '/exceptions/replay?requestedBy=lead@acme',
    );
    expect(lead.status).toBe(200);
    expect(lead.body.total).toBe(1);
    expect(lead.body.replays[0]).toMatchObject({ exceptionId: shipFact.id, actor: 'lead@acme' });
    expect((await get<{ total: number }>('/exceptions/replay?outcome=APPLIED')).body.total).toBe(2);
  });

  it('TRACKING_NUMBER_REUSED: replayed as is it still fails (a new attempt recorded); accepted by the operator it applies and takes the number s tracking', async () => {
    const shared = '1Z-RECYCLED';
    const packagesWith = (reference: string) => warehouseFact('X').packages.map((p) => ({ ...p, packageReference: reference, trackingNumber: shared }));
    await accept('SHOPIFY:acme-outdoor:U1');
    await harness.publish(Topics.wmsShipments, [
      warehouseFact('SHOPIFY:acme-outdoor:U1', { packages: packagesWith('CTN-U1'), shipDate: Date.now() - 120_000 }),
    ]);
    await waitFor(() => (harness.latestFulfilment('SHOPIFY:acme-outdoor:U1')?.status === 'SHIPPED' ? true : undefined), { what: 'U1 shipped' });
    const orderId = 'SHOPIFY:acme-outdoor:U2';
    await accept(orderId);
    await harness.publish(Topics.wmsShipments, [warehouseFact(orderId, { packages: packagesWith('CTN-U2') })]);
    const reused = await exceptionOf(`reason=TRACKING_NUMBER_REUSED&orderId=${encodeURIComponent(orderId)}`, 'reuse exception');

    const asIs = await replay({ requestedBy: 'ops@acme', filter: { reason: 'TRACKING_NUMBER_REUSED' } });
    expect(asIs).toEqual([
      {
        id: reused.id,
        outcome: 'STILL_FAILING',
        reasonBefore: 'TRACKING_NUMBER_REUSED',
        reasonAfter: 'TRACKING_NUMBER_REUSED',
        detail: expect.stringContaining('U1'),
      },
    ]);
    expect((await get<ExceptionView>(`/exceptions/${reused.id}`)).body).toMatchObject({ status: 'OPEN', replayCount: 1 });
    expect(await outboxCount('shipmentMilestones', orderId)).toBe(0);

    // An acceptance only concerns reused tracking numbers: the carrier exceptions of L1 are not touched by this filter.
    const accepted = await replay({ requestedBy: 'ops@acme', filter: { orderId }, acceptTrackingReuse: true });
    expect(accepted).toMatchObject([{ id: reused.id, outcome: 'APPLIED', reasonAfter: null }]);
    await waitFor(() => (harness.latestFulfilment(orderId)?.status === 'SHIPPED' ? true : undefined), { what: 'U2 shipped' });
    await harness.publish(Topics.carrierTracking, [trackingUpdate(shared, 'OUT_FOR_DELIVERY')]);
    await waitFor(() => (harness.milestones.values().some((m) => m.orderId === orderId && m.milestone === 'OUT_FOR_DELIVERY') ? true : undefined), {
      what: 'the recycled number tracks U2',
    });
    expect(
      harness.milestones
        .values()
        .filter((m) => m.orderId === 'SHOPIFY:acme-outdoor:U1')
        .map((m) => m.milestone),
    ).toEqual(['SHIPPED']);
  });

  it('a refused release is not replayable; the attempt is still audited', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:N1';
    await accept(orderId);
    const releaseId = `${orderId}@DC-RENO`;
    await harness.publish(Topics.warehouseReleaseOutcomes, [
      {
        eventId: `outcome:${releaseId}:REJECTED`,
        causationId: 'release',
        releaseId,
        orderId,
        locationId: 'DC-RENO',
        action: 'RELEASE',
        status: 'REJECTED',
        warehouseReference: null,
        reason: 'UNKNOWN_SKU',
        detail: null,
        occurredAt: Date.now(),
      },
    ]);
    const refused = await exceptionOf(`reason=RELEASE_REJECTED&orderId=${encodeURIComponent(orderId)}`, 'refused release');
    expect(refused.replayable).toBe(false);
    expect(await replay({ requestedBy: 'ops@acme', ids: [refused.id, '123456789'] })).toEqual([
      { id: refused.id, outcome: 'NOT_REPLAYABLE', reasonBefore: 'RELEASE_REJECTED', reasonAfter: 'RELEASE_REJECTED', detail: 'no parked fact to run again' },
      { id: '123456789', outcome: 'NOT_FOUND', reasonBefore: null, reasonAfter: null, detail: null },
    ]);
    expect((await get<ExceptionView>(`/exceptions/${refused.id}`)).body).toMatchObject({
      status: 'OPEN',
      replays: [{ actor: 'ops@acme', outcome: 'NOT_REPLAYABLE' }],
    });
    // A replay by filter only selects parked facts.
    expect(await replay({ requestedBy: 'ops@acme', filter: { orderId } })).toEqual([]);
  });

  it('the metrics show open exceptions by reason, replays by outcome, milestone lag and update timeliness as published', async () => {
    const open = await harness.db.query<{ reason: string; n: string }>(
      `SELECT "reason", count(*) AS n FROM "ShipmentException" WHERE "status" = 'OPEN' GROUP BY 1`,
    );
    expect(open.rows.length).toBeGreaterThan(0);
    const sum = (body: string, name: string, labels: Record<string, string>) => metricSeries(body, name, labels).reduce((a, b) => a + b, 0);
    const text = await waitFor(
      async () => {
        const body = await (await fetch(`${baseUrl}/metrics`)).text();
        return open.rows.every((r) => sum(body, 'crossdock_shipment_exceptions_open', { reason: r.reason }) === Number(r.n)) ? body : undefined;
      },
      { what: 'open exception gauges' },
    );
    expect(sum(text, 'crossdock_shipment_exceptions_open', { reason: 'TRACKING_NUMBER_REUSED' })).toBe(0);
    expect(sum(text, 'crossdock_shipment_exception_replays_total', { outcome: 'APPLIED' })).toBeGreaterThanOrEqual(3);
    expect(sum(text, 'crossdock_shipment_exception_replays_total', { outcome: 'STILL_FAILING' })).toBeGreaterThanOrEqual(2);
    expect(sum(text, 'crossdock_shipment_exception_replays_total', { outcome: 'NOT_REPLAYABLE' })).toBeGreaterThanOrEqual(1);

    // Milestone lag and update timeliness: one observation per published milestone / channel update, from the source's clock.
    const published = async (topic: string) =>
      Number(
        (await harness.db.query<{ n: string }>(`SELECT count(*) AS n FROM "EventOutbox" WHERE "topic" = $1 AND "publishedAt" IS NOT NULL`, [topic])).rows[0]?.n,
      );
    const [milestones, updates] = [await published('shipmentMilestones'), await published('channelShipmentUpdates')];
    expect(milestones).toBeGreaterThanOrEqual(4);
    const lag = await waitFor(
      async () => {
        const body = await (await fetch(`${baseUrl}/metrics`)).text();
        const observed = sum(body, 'crossdock_shipment_milestone_lag_seconds_count', {});
        const timely = sum(body, 'crossdock_shipment_channel_update_timeliness_seconds_count', { channel: 'SHOPIFY' });
        return observed === milestones && timely === updates ? body : undefined;
      },
      { what: 'a lag observation per published milestone and channel update' },
    );
    // The sample facts happened a minute before they were sent: the lag is measured from the source's clock.
    expect(sum(lag, 'crossdock_shipment_milestone_lag_seconds_sum', { milestone: 'SHIPPED', source: 'WMS' })).toBeGreaterThanOrEqual(60);
  });
});
