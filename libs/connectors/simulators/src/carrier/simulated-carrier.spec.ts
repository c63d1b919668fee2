import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkEasyPostSignature, readEasyPostEvent } from '@crossdock/connectors/domain';
import type { EasyPostEvent } from '@crossdock/connectors/domain';
import { CARRIER_JOURNEYS, deliveryOrder, type CarrierJourney } from './carrier-journeys';
import { startCarrierSimulator } from './carrier.simulator';
import { SimulatedCarrier, type SimulatedCarrierOptions } from './simulated-carrier';

const SECRET = 'whsec-simulated';

/** A webhook endpoint that keeps what it was sent and answers the statuses it is told, then 200. */
async function webhook(statuses: number[] = []): Promise<{ url: string; server: Server; received: Array<{ body: Buffer; headers: IncomingHttpHeaders }> }> {
  const received: Array<{ body: Buffer; headers: IncomingHttpHeaders }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks), headers: req.headers });
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ answered: status }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/easypost`, server, received };
}

const statusesOf = (bodies: Buffer[]) =>
  bodies.map((body) => {
    const outcome = readEasyPostEvent(body, 0);
    if (outcome.kind !== 'tracking') throw new Error(`not a tracking event: ${JSON.stringify(outcome)}`);
    return `${outcome.description}:${outcome.update.rawStatus}`;
  });

const eventOf = (body: Buffer) => JSON.parse(body.toString('utf8')) as EasyPostEvent;
const quick = (url: string, more: Partial<SimulatedCarrierOptions> = {}) =>
  new SimulatedCarrier({
    webhookUrl: url,
    secret: SECRET,
    seed: 9,
    stepDelayMs: 1,
    announceCreation: false,
    retryBackoff: { initialMs: 1, maxMs: 4 },
    ...more,
  });

describe('SimulatedCarrier', () => {
  it('sends signed EasyPost Events the adapter reads: tracker.created, then a tracker.updated per scan with the history so far', async () => {
    const hook = await webhook();
    try {
      const carrier = new SimulatedCarrier({ webhookUrl: hook.url, secret: SECRET, seed: 3 });
      const tracker = await carrier.track('USPS', '9400111899223100000001');
      expect(tracker).toMatchObject({ object: 'Tracker', carrier: 'USPS', tracking_code: '9400111899223100000001', status: 'unknown', tracking_details: [] });
      await carrier.advance('9400111899223100000001', { status: 'in_transit', statusDetail: 'arrived_at_facility', at: Date.parse('2026-12-01T10:00:00Z') });

      for (const { body, headers } of hook.received)
        expect(checkEasyPostSignature(body, headers['x-hmac-signature'], [SECRET])).toEqual({ valid: true, secretIndex: 0 });
      expect(statusesOf(hook.received.map((r) => r.body))).toEqual(['tracker.created:unknown', 'tracker.updated:in_transit']);
      const last = readEasyPostEvent(hook.received[1]?.body ?? Buffer.alloc(0), 0);
      expect(last).toMatchObject({ update: { statusDetail: 'arrived_at_facility', occurredAt: Date.parse('2026-12-01T10:00:00Z'), trackerId: tracker.id } });
      expect(eventOf(hook.received[1]?.body ?? Buffer.alloc(0)).result.tracking_details[0]).toMatchObject({
        object: 'TrackingDetail',
        status: 'in_transit',
        datetime: '2026-12-01T10:00:00Z',
        tracking_location: { object: 'TrackingLocation', city: expect.any(String), state: expect.any(String), zip: expect.any(String), country: 'US' },
      });
      expect(carrier.tracker('9400111899223100000001')).toMatchObject({ status: 'in_transit', tracking_details: [{ status: 'in_transit' }] });

      // The books hold the bytes and signature as sent, and the webhook's answer.
      expect(carrier.sent().map((sent) => [sent.body, sent.signature])).toEqual(
        hook.received.map((r) => [r.body.toString('utf8'), r.headers['x-hmac-signature']]),
      );
      expect(carrier.sent()[1]).toMatchObject({
        trackerId: tracker.id,
        tampered: false,
        delivered: true,
        attempts: [{ status: 200, answer: '{"answered":200}' }],
      });
    } finally {
      hook.server.close();
    }
  });

  it('retries an Event until a 2xx and keeps every answer in its books; a redelivery sends the same bytes', async () => {
    const hook = await webhook([500, 503]);
    try {
      const carrier = quick(hook.url, { retryBackoff: { initialMs: 5, maxMs: 20 } });
      await carrier.track('UPS', '1Z999AA10123456784');
      const sent = await carrier.advance('1Z999AA10123456784', { status: 'delivered', statusDetail: 'arrived_at_destination' });
      expect(sent).toMatchObject({ description: 'tracker.updated', status: 'delivered', delivered: true });
      expect(sent.attempts.map((a) => [a.status, a.answer])).toEqual([
        [500, '{"answered":500}'],
        [503, '{"answered":503}'],
        [200, '{"answered":200}'],
      ]);
      expect(new Set(hook.received.map((r) => r.body.toString())).size).toBe(1);

      const again = await carrier.redeliver(sent.eventId);
      expect(again).toMatchObject({ status: 200, redelivery: true });
      expect(hook.received[3]?.body.equals(hook.received[0]?.body ?? Buffer.alloc(0))).toBe(true);
      expect(hook.received[3]?.headers['x-hmac-signature']).toBe(sent.signature);
      expect(carrier.sent()).toHaveLength(1);
    } finally {
      hook.server.close();
    }
  });

  it('gives up after its attempts when the webhook never answers 2xx or cannot be reached, and says so in its books', async () => {
    const hook = await webhook([500, 500, 500]);
    try {
      const carrier = quick(hook.url, { maxAttempts: 3 });
      await carrier.track('FedEx', '770000000001');
      const sent = await carrier.advance('770000000001', { status: 'in_transit' });
      expect(sent).toMatchObject({ delivered: false, attempts: [{ status: 500 }, { status: 500 }, { status: 500 }] });
      await expect(carrier.advance('unknown-code', { status: 'in_transit' })).rejects.toThrow(/track it first/);
    } finally {
      hook.server.close();
    }
    const unreachable = quick(hook.url, { maxAttempts: 2 });
    await unreachable.track('FedEx', '770000000002');
    const lost = await unreachable.advance('770000000002', { status: 'in_transit' });
    expect(lost).toMatchObject({ delivered: false, attempts: [{ status: null, error: expect.any(String) }, { status: null }] });
  });

  it.each(Object.keys(CARRIER_JOURNEYS) as CarrierJourney[])(
    'runs the %s journey: its scans in order, its Events in the order the script sends them',
    async (kind) => {
      const hook = await webhook();
      try {
        const carrier = quick(hook.url);
        await carrier.track('USPS', `J-${kind}`);
        const sent = await carrier.journey(`J-${kind}`, kind);
        const script = CARRIER_JOURNEYS[kind];
        expect(sent.map((s) => s.status)).toEqual(script.steps.map((step) => step.status));
        expect(statusesOf(hook.received.map((r) => r.body)).map((s) => s.split(':')[1])).toEqual(
          deliveryOrder(script).map((index) => script.steps[index]?.status),
        );
        expect(sent.every((s) => s.delivered)).toBe(true);
        for (const { body, headers } of hook.received)
          expect(checkEasyPostSignature(body, headers['x-hmac-signature'], [SECRET])).toMatchObject({ valid: true });
        expect(carrier.tracker(`J-${kind}`)?.status).toBe(script.steps.at(-1)?.status);
      } finally {
        hook.server.close();
      }
    },
  );

  it('covers every EasyPost tracker status among its journeys and tracker.created', () => {
    const statuses = new Set(['unknown', ...Object.values(CARRIER_JOURNEYS).flatMap((journey) => journey.steps.map((step) => step.status))]);
    expect([...statuses].sort()).toEqual(
      [
        'available_for_pickup',
        'cancelled',
        'delivered',
        'error',
        'failure',
        'in_transit',
        'out_for_delivery',
        'pre_transit',
        'return_to_sender',
        'unknown',
      ].sort(),
    );
  });

  it('fails a delivery attempt, then delivers: out for delivery again after the failure', async () => {
    const hook = await webhook();
    try {
      const carrier = quick(hook.url);
      await carrier.track('UPS', 'RETRY1');
      const sent = await carrier.journey('RETRY1', 'failed_then_delivered');
      expect(sent.map((s) => `${s.status}/${s.statusDetail ?? ''}`).slice(3)).toEqual([
        'out_for_delivery/out_for_delivery',
        'failure/delivery_exception',
        'out_for_delivery/out_for_delivery',
        'delivered/arrived_at_destination',
      ]);
    } finally {
      hook.server.close();
    }
  });

  it('sends a late scan after delivered, as the tracker was when scanned, and a twice-delivered Event with the same bytes', async () => {
    const hook = await webhook();
    try {
      const carrier = quick(hook.url);
      await carrier.track('UPS', 'LATE1');
      const late = await carrier.journey('LATE1', 'delivered_out_of_order');
      const received = hook.received.map((r) => eventOf(r.body));
      expect(received.map((e) => e.result.status)).toEqual(['pre_transit', 'in_transit', 'out_for_delivery', 'delivered', 'in_transit']);
      // The late Event is the tracker at its scan (three scans), not as it is after delivery.
      expect(received[4]?.result.tracking_details).toHaveLength(3);
      expect(received[3]?.result.tracking_details).toHaveLength(5);
      expect(received[4]?.id).toBe(late[2]?.eventId);

      hook.received.length = 0;
      await carrier.track('UPS', 'TWICE1');
      const twice = await carrier.journey('TWICE1', 'delivered_twice');
      expect(hook.received).toHaveLength(6);
      expect(hook.received[5]?.body.equals(hook.received[4]?.body ?? Buffer.alloc(0))).toBe(true);
      expect(twice[4]?.attempts.map((a) => a.redelivery)).toEqual([false, true]);
    } finally {
      hook.server.close();
    }
  });

  it('gives a reused tracking code a new tracker for its new package, and keeps the old one in its books', async () => {
    const hook = await webhook();
    try {
      const carrier = quick(hook.url);
      const first = await carrier.track('USPS', 'REUSED1', { shipmentId: 'shp_first' });
      await carrier.journey('REUSED1', 'delivered');
      expect((await carrier.track('USPS', 'REUSED1')).id).toBe(first.id);

      const second = await carrier.track('USPS', 'REUSED1', { shipmentId: 'shp_second', reissue: true });
      expect(second).toMatchObject({ shipment_id: 'shp_second', status: 'unknown', tracking_details: [] });
      expect(second.id).not.toBe(first.id);
      const sent = await carrier.advance('REUSED1', { status: 'pre_transit', statusDetail: 'label_created' });
      expect(sent.trackerId).toBe(second.id);
      expect(eventOf(hook.received.at(-1)?.body ?? Buffer.alloc(0)).result).toMatchObject({ id: second.id, tracking_details: [{ status: 'pre_transit' }] });
      expect(carrier.trackers().map((t) => [t.id, t.shipment_id, t.status])).toEqual([
        [first.id, 'shp_first', 'delivered'],
        [second.id, 'shp_second', 'pre_transit'],
      ]);
    } finally {
      hook.server.close();
    }
  });

  it('sends a tampered Event whose bytes no longer match their signature, and books it as refused', async () => {
    const hook = await webhook([401, 401]);
    try {
      const carrier = quick(hook.url, { maxAttempts: 2 });
      await carrier.track('UPS', 'FORGED1');
      const sent = await carrier.advance('FORGED1', { status: 'in_transit', tampered: true });
      expect(sent).toMatchObject({ tampered: true, delivered: false, attempts: [{ status: 401 }, { status: 401 }] });
      const received = hook.received[0];
      expect(checkEasyPostSignature(received?.body ?? Buffer.alloc(0), received?.headers['x-hmac-signature'], [SECRET])).toMatchObject({
        valid: false,
        rejection: { code: 'SIGNATURE_INVALID' },
      });
      expect(eventOf(received?.body ?? Buffer.alloc(0)).result.status).toBe('delivered');
      expect(carrier.tracker('FORGED1')?.status).toBe('in_transit');
    } finally {
      hook.server.close();
    }
  });

  it('gives the same ids for the same seed', async () => {
    const hook = await webhook();
    try {
      const carrier = quick(hook.url, { clock: () => 1_765_000_000_000 });
      const twin = quick(hook.url, { clock: () => 1_765_000_000_000 });
      expect((await carrier.track('USPS', 'A1')).id).toBe((await twin.track('USPS', 'A1')).id);
      expect((await carrier.advance('A1', { status: 'in_transit' })).eventId).toBe((await twin.advance('A1', { status: 'in_transit' })).eventId);
    } finally {
      hook.server.close();
    }
  });
});

describe('startCarrierSimulator', () => {
  it('follows packages on the seeded journey mix and answers its controls over HTTP', async () => {
    const hook = await webhook();
    const simulator = await startCarrierSimulator({ webhookUrl: hook.url, secret: SECRET, seed: 5, stepDelayMs: 1, journeyMix: { pickup: 1 } });
    try {
      expect(simulator.follow('USPS', 'P1')).toBe('pickup');
      const control = (name: string, body: unknown) =>
        fetch(`${simulator.baseUrl}/_sim/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await control('journey', { trackingCode: 'J1', carrier: 'UPS', journey: 'delivered' })).status).toBe(200);
      expect((await control('advance', { trackingCode: 'NOPE', status: 'delivered' })).status).toBe(400);
      expect((await control('journey', { trackingCode: 'J1', journey: 'lost_at_sea' })).status).toBe(400);
      await simulator.settled();

      expect(simulator.carrier.tracker('P1')).toMatchObject({
        status: 'delivered',
        tracking_details: expect.arrayContaining([expect.objectContaining({ status: 'available_for_pickup' })]),
      });
      const trackers = (await (await fetch(`${simulator.baseUrl}/api/trackers/J1`)).json()) as { status: string };
      expect(trackers.status).toBe('delivered');
      expect((await control('journey', { trackingCode: 'J1', carrier: 'UPS', journey: 'cancelled', shipmentId: 'shp_later', reissue: true })).status).toBe(200);
      await simulator.settled();

      const books = (await (await control('books', {})).json()) as {
        result: {
          trackers: Array<{ tracking_code: string; shipment_id: string | null; status: string }>;
          sent: Array<{ trackingCode: string; delivered: boolean; body: string }>;
        };
      };
      expect(books.result.trackers.filter((t) => t.tracking_code === 'J1').map((t) => [t.shipment_id, t.status])).toEqual([
        [null, 'delivered'],
        ['shp_later', 'cancelled'],
      ]);
      expect(books.result.sent.filter((s) => s.trackingCode === 'J1')).toHaveLength(6 + 3);
      expect(books.result.sent.every((s) => s.delivered)).toBe(true);
      expect(hook.received.map((r) => r.body.toString('utf8'))).toEqual(expect.arrayContaining(books.result.sent.map((s) => s.body)));
    } finally {
      await simulator.stop();
      hook.server.close();
    }
  });
});
