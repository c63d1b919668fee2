import type { CappedBackoff } from '@crossdock/backoff';
import { easyPostSignature, type EasyPostEvent, type EasyPostTracker } from '@crossdock/connectors/domain';
import { SeededRandom } from '../core/seeded-random';
import { CARRIER_JOURNEYS, type CarrierJourney, type CarrierJourneyScript } from './carrier-journeys';
import { trackerEvent, trackerObject, trackingDetail, type ScanPlace, type TrackerState } from './easypost-event.builder';
import { deliverUntilAccepted, isDelivered, postSigned, type DeliveryAttempt, type RetryPolicy, type SignedRequest } from './easypost-webhook.sender';

export type { DeliveryAttempt } from './easypost-webhook.sender';

export interface SimulatedCarrierOptions {
  /** Where the Events are POSTed (the carrier-connector's /webhooks/easypost). */
  readonly webhookUrl: string;
  /** The webhook's signing secret, as configured on EasyPost's Webhook. */
  readonly secret: string;
  /** Same seed, same ids, places and choices. */
  readonly seed?: number;
  /** Wait between the steps of a scripted journey; default 200 ms. */
  readonly stepDelayMs?: number;
  /** Delivery attempts of one Event until a 2xx (EasyPost retries failures); default 5. */
  readonly maxAttempts?: number;
  /** Waits between attempts; default 100 ms doubling to 2 s. */
  readonly retryBackoff?: CappedBackoff;
  /** How long one attempt waits for the answer; default 10 s. */
  readonly timeoutMs?: number;
  /** Send `tracker.created` when a tracker is created, as EasyPost does; default true. */
  readonly announceCreation?: boolean;
  readonly clock?: () => number;
}

/** A carrier scan: the tracker's new status, when (default now) and the carrier's words. */
export interface Scan {
  readonly status: string;
  readonly statusDetail?: string | null;
  readonly at?: number;
  readonly message?: string;
  /**
   * The Event is altered in transit after it was signed (its tracker reported delivered): the
   * signature no longer matches the bytes, so the webhook must refuse it.
   */
  readonly tampered?: boolean;
}

export interface TrackOptions {
  readonly shipmentId?: string;
  readonly estDeliveryDays?: number;
  /** The carrier has given this code to another package: a new tracker replaces the one the code had. */
  readonly reissue?: boolean;
}

/** An Event the simulated provider sent: what it said, the signed bytes, and every attempt to deliver them. */
export interface SentEvent {
  readonly eventId: string;
  readonly description: string;
  readonly trackerId: string;
  readonly trackingCode: string;
  readonly carrier: string;
  /** The tracker's status word in this Event. */
  readonly status: string;
  readonly statusDetail: string | null;
  /** The bytes POSTed (UTF-8 JSON), and the X-Hmac-Signature sent with them. */
  readonly body: string;
  readonly signature: string;
  /** Whether the bytes were altered after signing. */
  readonly tampered: boolean;
  readonly attempts: DeliveryAttempt[];
  /** Whether an attempt got a 2xx. */
  delivered: boolean;
}

interface Outgoing {
  readonly sent: SentEvent;
  readonly request: SignedRequest;
}

const PLACES: readonly ScanPlace[] = [
  { city: 'RENO', state: 'NV', zip: '89502', country: 'US' },
  { city: 'SALT LAKE CITY', state: 'UT', zip: '84104', country: 'US' },
  { city: 'DENVER', state: 'CO', zip: '80216', country: 'US' },
  { city: 'LOUISVILLE', state: 'KY', zip: '40209', country: 'US' },
  { city: 'MEMPHIS', state: 'TN', zip: '38118', country: 'US' },
  { city: 'COLUMBUS', state: 'OH', zip: '43217', country: 'US' },
  { city: 'ALLENTOWN', state: 'PA', zip: '18106', country: 'US' },
];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An EasyPost-like tracking provider that keeps its own books: the trackers it follows (their
 * status and scan history, and those a reused code replaced), every Event it sent with its signed
 * bytes, and each answer the webhook gave. It signs each Event as EasyPost does (X-Hmac-Signature
 * over the bytes sent) and delivers it until a 2xx, with backoff, like EasyPost's retries;
 * `redeliver` sends an Event's same bytes again, as EasyPost's at-least-once delivery sometimes does.
 */
export class SimulatedCarrier {
  private readonly random: SeededRandom;
  private readonly clock: () => number;
  private readonly retry: RetryPolicy;
  /** Ids unique to this run, so a restarted simulator never repeats an earlier run's event ids. */
  private readonly runId: string;
  private readonly byCode = new Map<string, TrackerState>();
  private readonly replaced: TrackerState[] = [];
  private readonly outgoing = new Map<string, Outgoing>();
  private readonly books: SentEvent[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly options: SimulatedCarrierOptions) {
    this.random = new SeededRandom(options.seed ?? 1);
    this.clock = options.clock ?? Date.now;
    this.retry = {
      maxAttempts: options.maxAttempts ?? 5,
      backoff: options.retryBackoff ?? { initialMs: 100, maxMs: 2_000 },
      timeoutMs: options.timeoutMs ?? 10_000,
    };
    this.runId = this.clock().toString(16).padStart(12, '0').slice(-12);
  }

  get webhookUrl(): string {
    return this.options.webhookUrl;
  }

  /**
   * Starts following a package (EasyPost `POST /trackers`): a tracker with status `unknown`, and a
   * `tracker.created` Event. The same carrier and code again returns the tracker it has (EasyPost
   * deduplicates them for months) unless the code is `reissue`d; the same code of another carrier
   * replaces it.
   */
  async track(carrier: string, trackingCode: string, options: TrackOptions = {}): Promise<EasyPostTracker> {
    const existing = this.byCode.get(trackingCode);
    if (existing && existing.carrier === carrier && !options.reissue) return trackerObject(existing);
    if (existing) this.replaced.push(existing);
    const now = this.clock();
    const tracker: TrackerState = {
      id: `trk_${this.runId}${this.hex(20)}`,
      carrier,
      trackingCode,
      shipmentId: options.shipmentId ?? null,
      status: 'unknown',
      statusDetail: 'unknown',
      estDeliveryDate: now + (options.estDeliveryDays ?? 3) * 86_400_000,
      createdAt: now,
      updatedAt: now,
      details: [],
    };
    this.byCode.set(trackingCode, tracker);
    if (this.options.announceCreation ?? true) await this.dispatch(this.prepare('tracker.created', tracker, {}, false), false);
    return trackerObject(tracker);
  }

  /**
   * The carrier scanned the package: appends the scan and POSTs a signed `tracker.updated` Event,
   * retrying until a 2xx or the attempts run out. Resolves with the Event's book entry once
   * delivered or given up.
   */
  async advance(trackingCode: string, scan: Scan): Promise<SentEvent> {
    const outgoing = this.scanned(trackingCode, scan);
    await this.dispatch(outgoing, false);
    return outgoing.sent;
  }

  /**
   * Runs a scripted journey, one scan every `stepDelayMs`, sending each step's Event as the
   * script says (late ones after the last step, some twice). Resolves with its Events in scan order.
   */
  async journey(trackingCode: string, kind: CarrierJourney, options: { stepDelayMs?: number } = {}): Promise<SentEvent[]> {
    const script: CarrierJourneyScript = CARRIER_JOURNEYS[kind];
    const late = new Set(script.sentLate ?? []);
    const twice = new Set(script.deliveredTwice ?? []);
    const held: Array<{ index: number; outgoing: Outgoing }> = [];
    const sent: SentEvent[] = [];
    for (const [index, step] of script.steps.entries()) {
      if (index > 0) await sleep(options.stepDelayMs ?? this.options.stepDelayMs ?? 200);
      const outgoing = this.scanned(trackingCode, step);
      sent.push(outgoing.sent);
      if (late.has(index)) held.push({ index, outgoing });
      else await this.dispatch(outgoing, twice.has(index));
    }
    for (const { index, outgoing } of held) await this.dispatch(outgoing, twice.has(index));
    return sent;
  }

  /** Sends an Event's same bytes and signature again (EasyPost delivers at least once). */
  async redeliver(eventId: string): Promise<DeliveryAttempt> {
    const outgoing = this.outgoing.get(eventId);
    if (!outgoing) throw new Error(`no Event ${eventId} was sent`);
    const attempt = await postSigned(outgoing.request, true, this.retry.timeoutMs, this.clock);
    outgoing.sent.attempts.push(attempt);
    if (isDelivered(attempt)) outgoing.sent.delivered = true;
    return attempt;
  }

  /** The trackers followed, as EasyPost's API would return them; those a reused code replaced first. */
  trackers(): EasyPostTracker[] {
    return [...this.replaced, ...this.byCode.values()].map(trackerObject);
  }

  /** The tracker a code has now. */
  tracker(trackingCode: string): EasyPostTracker | undefined {
    const state = this.byCode.get(trackingCode);
    return state ? trackerObject(state) : undefined;
  }

  /** Every Event, in the order the carrier produced them (a late one is listed at its scan), with its attempts. */
  sent(): readonly SentEvent[] {
    return this.books;
  }

  /** Waits for every delivery under way (a journey started with `void`, retries in progress). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Records a scan on the tracker and prepares its Event, signed as of now. */
  private scanned(trackingCode: string, scan: Scan): Outgoing {
    const tracker = this.byCode.get(trackingCode);
    if (!tracker) throw new Error(`no tracker for ${trackingCode}; track it first`);
    const when = scan.at ?? this.clock();
    const statusDetail = scan.statusDetail ?? null;
    const previous = { status: tracker.status, status_detail: tracker.statusDetail, updated_at: new Date(tracker.updatedAt).toISOString() };
    const place = this.random.pick(PLACES);
    tracker.details.push(trackingDetail(scan.status, statusDetail, scan.message ?? scan.status.replace(/_/g, ' '), when, place, tracker.carrier));
    tracker.status = scan.status;
    tracker.statusDetail = statusDetail;
    tracker.updatedAt = Math.max(tracker.updatedAt, when);
    return this.prepare('tracker.updated', tracker, previous, scan.tampered ?? false);
  }

  /** The Event of the tracker as it is now: its bytes fixed and signed here, booked before it is sent. */
  private prepare(description: string, tracker: TrackerState, previous: Readonly<Record<string, unknown>>, tampered: boolean): Outgoing {
    const eventId = `evt_${this.runId}${this.hex(20)}`;
    const event: EasyPostEvent = trackerEvent(eventId, description, tracker, previous, this.options.webhookUrl, this.clock());
    const signed = Buffer.from(JSON.stringify(event));
    const signature = easyPostSignature(signed, this.options.secret);
    const body = tampered
      ? Buffer.from(JSON.stringify({ ...event, result: { ...event.result, status: 'delivered', status_detail: 'arrived_at_destination' } }))
      : signed;
    const sent: SentEvent = {
      eventId,
      description,
      trackerId: tracker.id,
      trackingCode: tracker.trackingCode,
      carrier: tracker.carrier,
      status: tracker.status,
      statusDetail: tracker.statusDetail,
      body: body.toString('utf8'),
      signature,
      tampered,
      attempts: [],
      delivered: false,
    };
    const outgoing = { sent, request: { url: this.options.webhookUrl, body, signature } };
    this.books.push(sent);
    this.outgoing.set(eventId, outgoing);
    return outgoing;
  }

  /** Delivers until a 2xx or the attempts run out; `twice`: once delivered, the same bytes once more. */
  private async dispatch(outgoing: Outgoing, twice: boolean): Promise<void> {
    const delivery = deliverUntilAccepted(outgoing.request, this.retry, (attempt) => outgoing.sent.attempts.push(attempt), this.clock).then(
      async (delivered) => {
        outgoing.sent.delivered = delivered;
        if (delivered && twice) await this.redeliver(outgoing.sent.eventId);
      },
    );
    this.inFlight.add(delivery);
    try {
      await delivery;
    } finally {
      this.inFlight.delete(delivery);
    }
  }

  private hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.random.int(0, 15).toString(16);
    return out;
  }
}
