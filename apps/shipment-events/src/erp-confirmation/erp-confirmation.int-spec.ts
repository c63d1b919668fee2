import type { RunningService } from '@crossdock/service-kit';
import { waitFor } from '@crossdock/testing';
import { ErpConfirmationWorld } from './test-support/erp-confirmation.world';

/** What the service honours, and the ERP's own quota a little above it: any 429 would mean we overran ours. */
const RATE = { perSecond: 10, burst: 4 };
const world = new ErpConfirmationWorld('erp-confirmation', { rateLimit: { capacity: RATE.burst + 3, refillPerSecond: RATE.perSecond + 2 } });

describe('shipment-events: each shipped package posted to the ERP exactly once', () => {
  let service: RunningService;
  let baseUrl: string;

  beforeAll(async () => {
    await world.setUp();
    ({ service, baseUrl } = await world.startService({
      ...world.erpEnv(),
      ERP_RATE_LIMIT_PER_SECOND: String(RATE.perSecond),
      ERP_RATE_LIMIT_BURST: String(RATE.burst),
      ERP_MAX_IN_FLIGHT: '8',
      ERP_DRAIN_POLL_MS: '100',
      SHIPMENT_METRICS_REFRESH_MS: '200',
    }));
  });

  afterAll(async () => {
    await service?.stop();
    await world.tearDown();
  });

  const released = (orderId: string) => waitFor(() => world.latestFulfilment(orderId), { what: `${orderId} accepted and released` });
  const confirmed = (orderIds: readonly string[], packages: number) =>
    waitFor(
      async () => {
        const rows = await world.queueRows(orderIds);
        return rows.length === packages && rows.every((r) => r.status === 'CONFIRMED') ? rows : undefined;
      },
      { what: `${packages} packages confirmed`, timeoutMs: 60_000 },
    );

  it('one shipped package becomes one goods issue, recorded with its number and published on the order s fulfilment', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:G1';
    const erpOrderNumber = world.bookInErp(orderId, 1);
    await world.accept(orderId, erpOrderNumber, 1);
    await released(orderId);
    const [reference = ''] = await world.shipCartons(orderId, 1);

    const [row] = await confirmed([orderId], 1);
    const issues = world.goodsIssuesOf([reference]);
    expect(issues).toEqual([
      expect.objectContaining({
        packageReference: reference,
        externalId: orderId,
        erpOrderNumber,
        carrierCode: 'UPSN',
        trackingNumber: '1ZSHOPIFYacmeoutdoorG11',
        lines: [{ erpLineNumber: 1, lineId: '1', sku: 'TEE-1', quantity: 1, locationId: 'DC-RENO' }],
        via: 'REST',
        duplicateSubmissions: 0,
      }),
    ]);
    const issue = issues[0];
    expect(row).toMatchObject({ packageReference: reference, erpDocumentNumber: issue?.goodsIssueNumber, attempts: 0 });
    expect(world.erp.erp.invoices().filter((i) => i.lines.some((l) => l.deliveryReference === reference))).toHaveLength(1);
    const posted = await waitFor(() => world.latestFulfilment(orderId)?.lines[0]?.erpPostings[0], { what: 'the posting on the fulfilment record' });
    expect(posted).toEqual({ packageReference: reference, erpDocumentNumber: issue?.goodsIssueNumber, quantity: 1, postedAt: issue?.postedAt });
  });

  it('a refusal by the ERP (no such order) becomes an ERP_REJECTED exception and is not retried', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:R1';
    await world.accept(orderId, 'SO-NEVER-BOOKED', 1);
    await released(orderId);
    const [reference] = await world.shipCartons(orderId, 1);
    const refusedBefore = world.erp.erp.stats().refusedGoodsIssues;

    const exception = await waitFor(
      async () =>
        (
          await world.db.query<{ reason: string; subject: string; status: string; channel: string; detail: string }>(
            `SELECT "reason", "subject", "status", "channel", "detail" FROM "ShipmentException" WHERE "orderId" = $1`,
            [orderId],
          )
        ).rows[0],
      { what: 'the ERP refusal as an exception' },
    );
    expect(exception).toMatchObject({ reason: 'ERP_REJECTED', subject: reference, status: 'OPEN', channel: 'SHOPIFY' });
    expect(exception.detail).toContain(`NOT_FOUND: ERP has no order with external id ${orderId}`);
    // Operations see it where they see every exception, under its reason code.
    const listed = (await (await fetch(`${baseUrl}/exceptions?reason=ERP_REJECTED&orderId=${encodeURIComponent(orderId)}`)).json()) as {
      exceptions: { subject: string }[];
    };
    expect(listed.exceptions.map((e) => e.subject)).toEqual([reference]);

    // Another package confirmed after the refusal: the drain went on, and did not send the refused one again.
    const laterId = 'SHOPIFY:acme-outdoor:R2';
    await world.accept(laterId, world.bookInErp(laterId, 1), 1);
    await released(laterId);
    await world.shipCartons(laterId, 1);
    await confirmed([laterId], 1);
    expect(await world.queueRows([orderId])).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 1, erpDocumentNumber: null })]);
    expect(world.erp.erp.stats().refusedGoodsIssues).toBe(refusedBefore + 1);
    expect(world.goodsIssuesOf([reference ?? ''])).toEqual([]);
  });

  it('queues every package shipped during an ERP outage and confirms each exactly once after it returns, within the rate limit', async () => {
    const orderIds = Array.from({ length: 8 }, (_, i) => `SHOPIFY:acme-outdoor:O${i + 1}`);
    for (const orderId of orderIds) await world.accept(orderId, world.bookInErp(orderId, 3), 3);
    for (const orderId of orderIds) await released(orderId);

    const outageMs = 10_000;
    // Read before the ERP starts its window, so the ERP's own end of the outage is no earlier than this.
    const outageEndsAt = Date.now() + outageMs;
    world.erp.erp.startOutage(outageMs);
    const references = (await Promise.all(orderIds.map((orderId) => world.shipCartons(orderId, 3)))).flat();

    // While the ERP is down every package waits in the queue, some already refused by the ERP, and the gauges show it.
    await waitFor(
      async () => {
        const rows = await world.queueRows(orderIds);
        return rows.length === references.length && rows.every((r) => r.status === 'PENDING') && rows.some((r) => r.attempts > 0) ? rows : undefined;
      },
      { what: 'every package queued and the ERP tried' },
    );
    expect(world.erp.erp.isDown()).toBe(true);
    expect(world.goodsIssuesOf(references)).toEqual([]);
    await waitFor(
      async () => {
        const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
        const depth = Number(/^crossdock_shipment_erp_confirmation_queue_depth(?:\{[^}]*\})? (\d+)/m.exec(metrics)?.[1] ?? 0);
        return depth >= references.length &&
          /crossdock_shipment_erp_confirmation_calls_total\{[^}]*outcome="RETRY"[^}]*reason="OUTAGE"[^}]*\} [1-9]/.test(metrics)
          ? true
          : undefined;
      },
      { what: 'queue depth and the retries in the metrics' },
    );

    const rows = await confirmed(orderIds, references.length);
    const issues = world.goodsIssuesOf(references);
    // Exactly once: one goods issue per package, never posted twice, each recorded with its own number.
    expect(issues.map((g) => g.packageReference).sort()).toEqual([...references].sort());
    expect(issues.every((g) => g.duplicateSubmissions === 0)).toBe(true);
    for (const row of rows) expect(row.erpDocumentNumber).toBe(world.erp.erp.goodsIssueFor(row.packageReference)?.goodsIssueNumber);
    for (const orderId of orderIds) expect(world.erp.erp.order(orderId)?.shippedQuantities).toEqual([3]);
    // After it returned, and within the rate limit: the ERP never throttled us, and no second holds more than burst + rate.
    expect(issues.every((g) => g.postedAt >= outageEndsAt)).toBe(true);
    expect(world.erp.erp.stats().throttled).toBe(0);
    const times = issues.map((g) => g.postedAt).sort((a, b) => a - b);
    const busiestSecond = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
    // Tokens are taken when a round plans its calls and the ERP clocks their arrival up to a few hundred ms later on a busy machine.
    expect(busiestSecond).toBeLessThanOrEqual(RATE.burst + Math.ceil(RATE.perSecond * 1.2));
    // And the bucket's refill held across the whole drain, not only per second.
    expect((times.at(-1) ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(((references.length - RATE.burst - RATE.perSecond * 0.2) / RATE.perSecond) * 1_000);

    for (const orderId of orderIds) {
      const postings = await waitFor(
        () => {
          const lines = world.latestFulfilment(orderId)?.lines ?? [];
          return lines[0]?.erpPostings.length === 3 ? lines[0].erpPostings : undefined;
        },
        { what: `${orderId}'s three postings published` },
      );
      expect(postings.map((p) => p.erpDocumentNumber).sort()).toEqual(
        issues
          .filter((g) => g.externalId === orderId)
          .map((g) => g.goodsIssueNumber)
          .sort(),
      );
    }
  });

  it('with a second instance running, one drains (leader lock) and each package is still sent to the ERP once', async () => {
    const second = await world.startService({ ...world.erpEnv(), ERP_RATE_LIMIT_PER_SECOND: String(RATE.perSecond), ERP_RATE_LIMIT_BURST: String(RATE.burst) });
    try {
      const orderIds = Array.from({ length: 4 }, (_, i) => `SHOPIFY:acme-outdoor:L${i + 1}`);
      for (const orderId of orderIds) await world.accept(orderId, world.bookInErp(orderId, 2), 2);
      for (const orderId of orderIds) await released(orderId);
      const references = (await Promise.all(orderIds.map((orderId) => world.shipCartons(orderId, 2)))).flat();

      await confirmed(orderIds, references.length);
      const issues = world.goodsIssuesOf(references);
      expect(issues).toHaveLength(references.length);
      // Two drainers would both send what is pending; the ERP would count the second sends as duplicates.
      expect(issues.filter((g) => g.duplicateSubmissions > 0)).toEqual([]);
      expect(world.erp.erp.stats().throttled).toBe(0);
    } finally {
      await second.service.stop();
    }
  });
});
