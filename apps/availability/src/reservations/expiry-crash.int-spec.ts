import { createServer } from 'node:net';
import { Client } from 'pg';
import { Topics, type ReservationEvent } from '@crossdock/contracts';
import { sampleAcceptedLine, sampleInventoryPosition, sampleOrderAccepted, ServiceProcess, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, type TopicRecorder } from '../test-support/availability.harness';

const HOUR = 3_600_000;
const h = new AvailabilityHarness('expiry-crash');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The service as production runs it (main.ts), in its own process, so it can really be SIGKILLed. */
async function availabilityProcess(overrides: Record<string, string> = {}): Promise<ServiceProcess> {
  // The sweep runs every 200 ms so an expiry follows the reservation at once.
  const env = h.serviceEnv({ RESERVATION_EXPIRY_SWEEP_MS: '200', OTEL_SDK_DISABLED: 'true', ...overrides });
  const service = new ServiceProcess('availability', env, await freePort());
  service.start();
  return service;
}

describe('an expiry committed just before a crash', () => {
  let reservations: TopicRecorder<ReservationEvent>;
  let db: Client;
  let running: ServiceProcess | undefined;

  beforeAll(async () => {
    await h.setUp();
    await h.publish(Topics.erpInventoryPositions, [sampleInventoryPosition({ sku: 'TTL-1', locationId: 'DC-RENO', onHand: 10, asOf: Date.now(), version: 1 })]);
    reservations = await h.record(Topics.reservations);
    db = new Client({ connectionString: h.database.url });
    await db.connect();
  });

  afterAll(async () => {
    await running?.stop(5_000);
    await db?.end();
    await h.tearDown();
  });

  it('is published after the restart, once in effect, although nothing redelivers an expiry', async () => {
    // amazon-us holds reservations 72 h from the order's acceptance: this one is due as soon as it is made.
    const order = sampleOrderAccepted({
      orderId: 'TTL:1',
      eventId: 'accepted:TTL:1',
      channel: 'AMAZON',
      channelAccountId: 'amazon-us',
      occurredAt: Date.now() - 73 * HOUR,
      lines: [sampleAcceptedLine({ lineId: '1', sku: 'TTL-1', quantity: 2, locationId: 'DC-RENO' })],
    });
    await h.publish(Topics.ordersAccepted, [order]);

    const first = await availabilityProcess({ CROSSDOCK_TEST_CRASH_AFTER_EXPIRY_COMMIT: 'true' });
    running = first;
    // SIGKILLed by itself right after the expiry's transaction committed (128 + 9).
    expect(await first.unexpectedExit()).toBe(137);
    const stored = await db.query<{ status: string; event: ReservationEvent }>(
      `SELECT l."status", c."event" FROM "LineReservation" l JOIN "ReservationChange" c USING ("orderId", "lineId")
       WHERE l."orderId" = 'TTL:1' AND c."type" = 'EXPIRED'`,
    );
    expect(stored.rows).toEqual([
      { status: 'EXPIRED', event: expect.objectContaining({ type: 'EXPIRED', reason: 'TTL_ELAPSED', quantity: 2, openQuantity: 0 }) },
    ]);
    const committed = stored.rows[0]?.event;

    const second = await availabilityProcess();
    running = second;
    const expired = await waitFor(() => reservations.values().find((r) => r.orderId === 'TTL:1' && r.type === 'EXPIRED'), {
      what: 'the EXPIRED event of TTL:1 after the restart',
      timeoutMs: 90_000,
    });
    expect(expired).toEqual(committed);

    // Once in effect: whatever reached the topic is that one event (a re-publication would carry the
    // same eventId), its outbox row is marked published, and the reservation came before its expiry.
    await waitFor(
      async () => {
        const outbox = await db.query<{ published: boolean }>(`SELECT "publishedAt" IS NOT NULL AS published FROM "EventOutbox" WHERE "eventId" = $1`, [
          expired.eventId,
        ]);
        return outbox.rows.length === 1 && outbox.rows[0]?.published ? true : undefined;
      },
      { what: 'the EXPIRED event marked published' },
    );
    await h.waitRecordedToEnd(reservations, Topics.reservations);
    const line = reservations.records.filter((r) => r.value.orderId === 'TTL:1');
    expect(new Set(line.filter((r) => r.value.type === 'EXPIRED').map((r) => r.headers['crossdock-idempotency-key']))).toEqual(new Set([expired.eventId]));
    expect(new Set(line.filter((r) => r.value.type === 'EXPIRED').map((r) => r.value.eventId))).toEqual(new Set([expired.eventId]));
    const types = line.map((r) => r.value.type);
    expect(types.indexOf('RESERVED')).toBeGreaterThanOrEqual(0);
    expect(types.indexOf('RESERVED')).toBeLessThan(types.indexOf('EXPIRED'));

    await second.stop();
    running = undefined;
  }, 240_000);
});
