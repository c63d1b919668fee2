import { Topics, type ChannelOrder, type OrderAccepted, type OrderCancelled } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor } from '@crossdock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import type { TopicRecorder } from '@crossdock/testing';
import { http, OrderIngestHarness } from '../test-support/order-ingest.harness';
import { acmeOrder } from '../test-support/order-scenarios';

const h = new OrderIngestHarness('erp-outage');
const RATE = { perSecond: 10, burst: 5 };

describe('ERP outage and rate limit', () => {
  let service: RunningService;
  let baseUrl: string;
  let accepted: TopicRecorder<OrderAccepted>;
  let cancelled: TopicRecorder<OrderCancelled>;

  beforeAll(async () => {
    // The ERP enforces a quota a little above the one we honour: any 429 would mean we overran it.
    await h.setUp({ rateLimit: { capacity: RATE.burst + 3, refillPerSecond: RATE.perSecond + 2 } });
    accepted = await h.record(Topics.ordersAccepted);
    cancelled = await h.record(Topics.orderCancellations);
    ({ service, baseUrl } = await h.startService({ ERP_RATE_LIMIT_PER_SECOND: String(RATE.perSecond), ERP_RATE_LIMIT_BURST: String(RATE.burst) }));
  });

  afterAll(async () => {
    await service?.stop();
    await h.tearDown();
  });

  it('queues orders durably while the ERP is down and books each exactly once, in per-order sequence, within the rate limit, when it returns', async () => {
    const warmUp = acmeOrder('2000');
    await h.publishOrders([warmUp]);
    await waitFor(() => (accepted.values().some((e) => e.orderId === warmUp.orderId) ? true : undefined), { what: 'warm-up order accepted' });

    h.erp.erp.startOutage(6_000);
    const orders = Array.from({ length: 30 }, (_, i) => acmeOrder(`2${String(i + 1).padStart(3, '0')}`));
    await h.publishOrders(orders);
    // Ten cancels, at least one of an order whose create the drainer already tried against the down ERP
    // (such a create may have been booked, so its cancel must go to the ERP too) and the rest of orders
    // not tried yet (withdrawn here). Which creates were tried first depends on the machine's timing, so
    // the test asks the service's database instead of guessing: both paths are exercised on any machine.
    const tried = await withServiceDatabase((db) =>
      waitFor(
        async () => {
          const rows = await db.channelOrderRecord.findMany({
            where: { erpAttempted: true, orderId: { in: orders.map((o) => o.orderId) } },
            select: { orderId: true },
            orderBy: { orderId: 'asc' },
            take: 3,
          });
          return rows.length > 0 ? rows.map((row) => row.orderId) : undefined;
        },
        { what: 'a create attempted during the outage' },
      ),
    );
    const targets = [...orders.filter((o) => tried.includes(o.orderId)), ...orders.filter((o) => !tried.includes(o.orderId))].slice(0, 10);
    const cancels: ChannelOrder[] = targets.map((o) => ({
      ...o,
      eventId: `${o.eventId}-cancel`,
      eventType: 'CANCELLED',
      occurredAt: o.occurredAt + 1_000,
      cancellation: { reasonCode: 'CUSTOMER_REQUEST', reason: null, lines: [] },
    }));
    await h.publishOrders(cancels);

    // While the ERP is down the wait is visible and nothing reaches the ERP's books.
    const waiting = await waitFor(
      async () => {
        const queue = await http<{ depth: number; oldestAgeSeconds: number; retrying: number }>(`${baseUrl}/erp-queue`);
        return queue.body.depth >= orders.length - cancels.length && queue.body.retrying > 0 ? queue.body : undefined;
      },
      { what: 'the ERP queue holding every call of the outage' },
    );
    expect(waiting.oldestAgeSeconds).toBeGreaterThan(0);
    expect(h.erp.erp.isDown()).toBe(true);
    expect(h.erp.erp.orders()).toHaveLength(1);
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/crossdock_order_ingest_erp_retries_total\{reason="OUTAGE"[^}]*\} [1-9]/);

    await waitFor(() => (cancelled.values().length === cancels.length && h.erp.erp.orders().length > 1 && !h.erp.erp.isDown() ? true : undefined), {
      what: 'every cancel answered after the outage',
      timeoutMs: 60_000,
    });
    const cancelledIds = new Set(cancels.map((c) => c.orderId));
    const booked = (id: string) => h.erp.erp.orders().filter((o) => o.externalId === id);
    // A create the ERP may already have seen is cancelled in the ERP, after it; one it never saw is withdrawn here.
    const viaErp = cancelled.values().filter((e) => e.erpOrderNumber !== null);
    const withdrawn = cancelled.values().filter((e) => e.erpOrderNumber === null);
    expect(viaErp.length).toBeGreaterThan(0);
    expect(viaErp.length + withdrawn.length).toBe(cancels.length);
    expect(cancelled.values().every((e) => e.status === 'CANCELLED')).toBe(true);
    const expectedAccepted = orders.length - withdrawn.length + 1;
    await waitFor(() => (accepted.values().length === expectedAccepted ? true : undefined), { what: `${expectedAccepted} orders accepted`, timeoutMs: 60_000 });

    for (const event of viaErp) {
      // Per-order sequence: the create reached the ERP and was accepted before its cancel ran.
      expect(booked(event.orderId)).toEqual([expect.objectContaining({ status: 'CANCELLED', duplicateSubmissions: 0 })]);
      expect(
        accepted
          .values()
          .filter((e) => e.orderId === event.orderId)
          .map((e) => e.outcomeSequence),
      ).toEqual([1]);
      expect(event.outcomeSequence).toBe(2);
    }
    for (const event of withdrawn) expect(booked(event.orderId)).toEqual([]);
    for (const order of orders.filter((o) => !cancelledIds.has(o.orderId))) {
      expect(booked(order.orderId)).toEqual([expect.objectContaining({ status: 'OPEN', duplicateSubmissions: 0 })]);
    }
    const books = h.erp.erp.orders().filter((o) => o.externalId !== warmUp.orderId);

    // Within the rate limit: the ERP never had to throttle us, and no second holds more than burst + rate calls.
    expect(h.erp.erp.stats().throttled).toBe(0);
    const times = books.map((o) => o.createdAt).sort((a, b) => a - b);
    const busiestSecond = Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 1_000).length));
    // Tokens are taken when a round plans its calls; the ERP clocks their arrival, up to ~200 ms
    // later on a busy machine (claim transaction, HTTP). A token bucket of `burst` + `perSecond`/s
    // seen through that jitter admits at most burst + 1.2 s of refill into one arrival second.
    expect(busiestSecond).toBeLessThanOrEqual(RATE.burst + Math.ceil(RATE.perSecond * 1.2));
    const queue = await http<{ depth: number }>(`${baseUrl}/erp-queue`);
    expect(queue.body.depth).toBe(0);
  });
});

/** The service's own database, read-only here, through its typed client (one connection for the whole wait). */
async function withServiceDatabase<T>(use: (db: PrismaClient) => Promise<T>): Promise<T> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: h.database.url }) });
  try {
    return await use(db);
  } finally {
    await db.$disconnect();
  }
}
