import type { EasyPostTracker } from '@crossdock/connectors/domain';
import { startFeedServer } from '../core/feed-server.http';
import { str } from '../core/control-body';
import { OutageSwitch } from '../core/outage.switch';
import { SeededRandom } from '../core/seeded-random';
import { CARRIER_JOURNEYS, isCarrierJourney, type CarrierJourney } from './carrier-journeys';
import { SimulatedCarrier, type Scan, type SentEvent, type SimulatedCarrierOptions, type TrackOptions } from './simulated-carrier';

export interface CarrierSimulatorOptions extends SimulatedCarrierOptions {
  /** Share of followed packages on each journey other than `delivered`; default 5 % a failed attempt then delivered, 3 % returned, 7 % pickup. */
  readonly journeyMix?: Partial<Record<Exclude<CarrierJourney, 'delivered'>, number>>;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

export interface CarrierSimulator {
  readonly carrier: SimulatedCarrier;
  /** The HTTP controls (`POST /_sim/<control>`) and the tracker API (`/api/trackers`). */
  readonly baseUrl: string;
  /**
   * Tracks a package and runs a journey (the seeded mix when none is named) in the background;
   * returns the journey chosen. `reissue`: the code was another package's, it gets a new tracker.
   */
  follow(carrierName: string, trackingCode: string, journey?: CarrierJourney, options?: TrackOptions): CarrierJourney;
  /** Waits for every journey and delivery under way. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_MIX = { failed_then_delivered: 0.05, returned: 0.03, pickup: 0.07 } as const;

/**
 * An EasyPost-like tracking provider for tests and the demo (`SimulatedCarrier`), with HTTP
 * controls for a demo in another process:
 *   POST /_sim/track {carrier, trackingCode, shipmentId?, reissue?}            follow a package (tracker.created)
 *   POST /_sim/advance {trackingCode, status, statusDetail?, at?, tampered?}   one scan (tracker.updated)
 *   POST /_sim/journey {trackingCode, journey?, carrier?, shipmentId?, reissue?} a scripted journey, in the background
 *   POST /_sim/redeliver {eventId}                                           the same Event's bytes again
 *   POST /_sim/books {}                                                      trackers and every Event sent with its attempts
 *   GET  /api/trackers[/<trackingCode>]                                      the trackers, as EasyPost's API returns them
 */
export async function startCarrierSimulator(options: CarrierSimulatorOptions): Promise<CarrierSimulator> {
  const carrier = new SimulatedCarrier(options);
  const choices = new SeededRandom((options.seed ?? 1) + 7);
  const mix = { ...DEFAULT_MIX, ...options.journeyMix };
  const background = new Set<Promise<unknown>>();
  const inBackground = (work: Promise<unknown>) => {
    const tracked = work.catch(() => undefined).finally(() => background.delete(tracked));
    background.add(tracked);
  };

  const pickJourney = (): CarrierJourney => {
    let roll = choices.next();
    for (const [journey, share] of Object.entries(mix) as Array<[CarrierJourney, number]>) {
      if (roll < share) return journey;
      roll -= share;
    }
    return 'delivered';
  };
  const follow = (carrierName: string, trackingCode: string, journey: CarrierJourney = pickJourney(), trackOptions: TrackOptions = {}): CarrierJourney => {
    inBackground(carrier.track(carrierName, trackingCode, trackOptions).then(() => carrier.journey(trackingCode, journey)));
    return journey;
  };

  const known = (trackingCode: string): EasyPostTracker => {
    const tracker = carrier.tracker(trackingCode);
    if (!tracker) throw new Error(`no tracker for ${trackingCode}; track it first`);
    return tracker;
  };
  const trackOptionsOf = (body: Record<string, unknown>): TrackOptions => ({
    ...(typeof body['shipmentId'] === 'string' ? { shipmentId: body['shipmentId'] } : {}),
    ...(body['reissue'] === true ? { reissue: true } : {}),
  });

  const server = await startFeedServer({
    feeds: {},
    outage: new OutageSwitch(),
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    controls: {
      track: (body) => {
        const trackingCode = str(body, 'trackingCode');
        inBackground(carrier.track(str(body, 'carrier'), trackingCode, trackOptionsOf(body)));
        return carrier.tracker(trackingCode);
      },
      advance: (body) => {
        const trackingCode = str(body, 'trackingCode');
        known(trackingCode);
        const at = typeof body['at'] === 'string' ? Date.parse(body['at']) : undefined;
        if (at !== undefined && !Number.isFinite(at)) throw new Error('at is not an ISO 8601 date-time');
        const scan: Scan = {
          status: str(body, 'status'),
          statusDetail: typeof body['statusDetail'] === 'string' ? body['statusDetail'] : null,
          ...(at === undefined ? {} : { at }),
          tampered: body['tampered'] === true,
        };
        inBackground(carrier.advance(trackingCode, scan));
        return { trackingCode };
      },
      journey: (body) => {
        const journey = body['journey'];
        if (journey !== undefined && !isCarrierJourney(journey)) throw new Error(`journey must be one of ${Object.keys(CARRIER_JOURNEYS).join(', ')}`);
        const trackingCode = str(body, 'trackingCode');
        if (typeof body['carrier'] === 'string') return { trackingCode, journey: follow(body['carrier'], trackingCode, journey, trackOptionsOf(body)) };
        known(trackingCode);
        const chosen = journey ?? pickJourney();
        inBackground(carrier.journey(trackingCode, chosen));
        return { trackingCode, journey: chosen };
      },
      redeliver: (body) => {
        const eventId = str(body, 'eventId');
        if (!carrier.sent().some((sent) => sent.eventId === eventId)) throw new Error(`no Event ${eventId} was sent`);
        inBackground(carrier.redeliver(eventId));
        return { eventId };
      },
      books: () => ({ trackers: carrier.trackers(), sent: carrier.sent() satisfies readonly SentEvent[] }),
    },
    api: {
      trackers: (request) => {
        if (request.method !== 'GET') return { status: 405, body: { message: 'trackers are created with POST /_sim/track' } };
        if (request.path.length === 0) return { status: 200, body: { trackers: carrier.trackers() } };
        const tracker = carrier.tracker(request.path[0] ?? '');
        return tracker ? { status: 200, body: tracker } : { status: 404, body: { message: `no tracker ${request.path[0] ?? ''}` } };
      },
    },
  });

  const settled = async () => {
    while (background.size > 0) await Promise.allSettled([...background]);
    await carrier.settled();
  };
  return {
    carrier,
    baseUrl: server.baseUrl,
    follow,
    settled,
    stop: async () => {
      await settled();
      await server.close();
    },
  };
}
