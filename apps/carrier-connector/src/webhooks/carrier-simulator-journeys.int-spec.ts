import { Topics, type TrackingUpdate } from '@crossdock/contracts';
import {
  CARRIER_JOURNEYS,
  deliveryOrder,
  startCarrierSimulator,
  type CarrierJourney,
  type CarrierJourneyScript,
  type CarrierSimulator,
  type SentEvent,
} from '@crossdock/connectors/simulators';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor, type TopicRecorder } from '@crossdock/testing';
import { CarrierConnectorWorld, WEBHOOK_SECRET } from '../test-support/carrier-connector.harness';

const world = new CarrierConnectorWorld('carrier-journeys');
const run = Date.now().toString(36).toUpperCase();
let codes = 0;
const newCode = (label: string) => `${label}${run}${(codes += 1).toString().padStart(3, '0')}`;

/** What carrier-connector answered to each attempt of an Event, as the simulator booked it. */
const answersOf = (sent: SentEvent | undefined) => (sent?.attempts ?? []).map((attempt) => [attempt.status, JSON.parse(attempt.answer ?? '{}')['status']]);

describe('the carrier simulator against carrier-connector on the real stack', () => {
  let service: RunningService;
  let simulator: CarrierSimulator;
  let topic: TopicRecorder<TrackingUpdate>;
  const recordsOf = (trackingCode: string) => topic.records.filter((r) => r.value.trackingCode === trackingCode);
  const booksOf = (trackingCode: string) => simulator.carrier.sent().filter((sent) => sent.trackingCode === trackingCode);

  /** A fresh package's scan, waited for on the topic: every update accepted before it has been published (the relay keeps outbox order). */
  async function marker(): Promise<void> {
    const code = newCode('MARKER');
    await simulator.carrier.track('UPS', code);
    await waitFor(() => recordsOf(code).at(0), { what: `marker ${code} on the topic` });
  }

  beforeAll(async () => {
    await world.setUp();
    topic = await world.record(Topics.carrierTracking);
    const started = await world.startCarrierConnector();
    service = started.service;
    simulator = await startCarrierSimulator({
      webhookUrl: `${started.baseUrl}/webhooks/easypost`,
      secret: WEBHOOK_SECRET,
      seed: 11,
      stepDelayMs: 20,
      retryBackoff: { initialMs: 20, maxMs: 100 },
    });
  });

  afterAll(async () => {
    await simulator?.stop();
    await service?.stop();
    await world.tearDown();
  });

  it('publishes every Event of every journey once, in the order the webhook got them, keyed by carrier and tracking code', async () => {
    const journeys = Object.keys(CARRIER_JOURNEYS) as CarrierJourney[];
    const codeOf = new Map(journeys.map((journey) => [journey, newCode(journey.replace(/_/g, '').toUpperCase().slice(0, 12))]));
    for (const journey of journeys) simulator.follow('UPS', codeOf.get(journey) ?? '', journey);
    await simulator.settled();

    for (const journey of journeys) {
      const code = codeOf.get(journey) ?? '';
      const script: CarrierJourneyScript = CARRIER_JOURNEYS[journey];
      const [created, ...steps] = booksOf(code);
      // As the webhook got them: tracker.created, then the steps in the script's sending order, each once.
      const expected = [created, ...[...new Set(deliveryOrder(script))].map((index) => steps[index])].map((sent) => sent?.eventId);
      const seen = await waitFor(() => (recordsOf(code).length >= expected.length ? recordsOf(code) : undefined), {
        what: `the ${journey} journey of ${code} on the topic`,
      });
      expect(seen.map((r) => r.value.sourceEventId)).toEqual(expected);
      expect(seen.map((r) => r.value.rawStatus)).toEqual(['unknown', ...[...new Set(deliveryOrder(script))].map((index) => script.steps[index]?.status)]);
      expect(new Set(seen.map((r) => r.key))).toEqual(new Set([`UPS/${code}`]));
      expect(new Set(seen.map((r) => r.partition)).size).toBe(1);
      for (const sent of booksOf(code)) {
        expect(answersOf(sent)).toEqual(
          sent === steps[script.deliveredTwice?.[0] ?? -1]
            ? [
                [200, 'accepted'],
                [200, 'duplicate'],
              ]
            : [[200, 'accepted']],
        );
      }
    }
    const outOfOrder = recordsOf(codeOf.get('delivered_out_of_order') ?? '').map((r) => r.value);
    expect(outOfOrder.map((u) => u.rawStatus).slice(-2)).toEqual(['delivered', 'in_transit']);
    // The late Event is the tracker as it was at that scan (three scans), published after the delivery's five.
    expect(outOfOrder.slice(-2).map((u) => u.trackingDetails.length)).toEqual([5, 3]);

    await marker();
    for (const journey of journeys) {
      const code = codeOf.get(journey) ?? '';
      expect(recordsOf(code)).toHaveLength(booksOf(code).length);
      expect(new Set(recordsOf(code).map((r) => r.value.eventId)).size).toBe(booksOf(code).length);
    }
  });

  it('publishes the updates of a tracking code the carrier reused for another package under the new tracker', async () => {
    const code = newCode('REUSED');
    simulator.follow('USPS', code, 'delivered', { shipmentId: 'shp_first' });
    await simulator.settled();
    simulator.follow('USPS', code, 'failed_then_delivered', { shipmentId: 'shp_second', reissue: true });
    await simulator.settled();

    const [first, second] = simulator.carrier.trackers().filter((tracker) => tracker.tracking_code === code);
    expect(first?.id).not.toBe(second?.id);
    const books = booksOf(code);
    const records = await waitFor(() => (recordsOf(code).length >= books.length ? recordsOf(code) : undefined), { what: `both packages of ${code}` });
    expect(records.map((r) => [r.value.sourceEventId, r.value.trackerId])).toEqual(books.map((sent) => [sent.eventId, sent.trackerId]));
    expect(records.filter((r) => r.value.trackerId === second?.id).map((r) => r.value.rawStatus)).toEqual([
      'unknown',
      ...CARRIER_JOURNEYS.failed_then_delivered.steps.map((step) => step.status),
    ]);
    // The new tracker's history starts again: its first scan carries one tracking detail, not the old package's.
    expect(records.find((r) => r.value.trackerId === second?.id && r.value.rawStatus === 'pre_transit')?.value.trackingDetails).toHaveLength(1);
    expect(new Set(records.map((r) => r.key))).toEqual(new Set([`USPS/${code}`]));
  });

  it('answers duplicate to redeliveries and publishes them once; answers 401 to a tampered Event and publishes nothing of it', async () => {
    const code = newCode('REDELIVER');
    await simulator.carrier.track('USPS', code);
    const sent = await simulator.carrier.advance(code, { status: 'out_for_delivery', statusDetail: 'out_for_delivery' });
    for (let i = 0; i < 3; i += 1) await simulator.carrier.redeliver(sent.eventId);
    expect(answersOf(sent)).toEqual([
      [200, 'accepted'],
      [200, 'duplicate'],
      [200, 'duplicate'],
      [200, 'duplicate'],
    ]);

    // Altered in transit after signing (it claims delivered): refused at every retry, never published.
    const tampered = await simulator.carrier.advance(code, { status: 'in_transit', statusDetail: 'arrived_at_facility', tampered: true });
    expect(tampered).toMatchObject({ delivered: false, tampered: true });
    expect(tampered.attempts.length).toBeGreaterThan(1);
    for (const attempt of tampered.attempts) expect([attempt.status, JSON.parse(attempt.answer ?? '{}')]).toMatchObject([401, { code: 'SIGNATURE_INVALID' }]);

    // Signed with a secret carrier-connector does not have.
    const stranger = await startCarrierSimulator({ webhookUrl: simulator.carrier.webhookUrl, secret: 'someone-else', maxAttempts: 1, announceCreation: false });
    try {
      await stranger.carrier.track('USPS', code);
      const forged = await stranger.carrier.advance(code, { status: 'delivered', statusDetail: 'arrived_at_destination' });
      expect(answersOf(forged)).toEqual([[401, 'rejected']]);
    } finally {
      await stranger.stop();
    }

    await simulator.carrier.advance(code, { status: 'delivered', statusDetail: 'arrived_at_destination' });
    await marker();
    expect(recordsOf(code).map((r) => r.value.rawStatus)).toEqual(['unknown', 'out_for_delivery', 'delivered']);
    expect(recordsOf(code).map((r) => r.value.sourceEventId)).not.toContain(tampered.eventId);
    expect(recordsOf(code).filter((r) => r.value.sourceEventId === sent.eventId)).toHaveLength(1);
  });
});
