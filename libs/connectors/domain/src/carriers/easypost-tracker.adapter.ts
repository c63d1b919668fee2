import type { TrackerStatus, TrackingDetail, TrackingUpdate } from '@crossdock/contracts';
import { CarrierWebhookRejected, CarrierWebhookRejectionCode, refuseWebhook, type CarrierWebhookRejection } from './carrier-webhook.rejection';
import { trackingEventId } from './tracking-event-id';
import {
  expectWord,
  isWebhookObject,
  objectField,
  optionalDateTime,
  optionalList,
  optionalString,
  requiredDateTime,
  requiredString,
  type WebhookObject,
} from './webhook-fields';

/** The provider name in eventIds and receipts. */
export const EASYPOST = 'easypost';

/** The Event descriptions that carry a Tracker; EasyPost sends many others (batch, refund, claim, payment...). */
export const EASYPOST_TRACKER_EVENTS: readonly string[] = ['tracker.created', 'tracker.updated'];

const STATUS_BY_WORD: Readonly<Record<string, TrackerStatus>> = {
  unknown: 'UNKNOWN',
  pre_transit: 'PRE_TRANSIT',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  available_for_pickup: 'AVAILABLE_FOR_PICKUP',
  return_to_sender: 'RETURN_TO_SENDER',
  failure: 'FAILURE',
  cancelled: 'CANCELLED',
  error: 'ERROR',
};

/**
 * EasyPost Tracker status word -> TrackerStatus. A word EasyPost adds later is UNKNOWN (the
 * update is still published, with the word in rawStatus), never a refusal: a new status must not
 * stop a package's tracking.
 */
export function trackerStatusOf(word: string): TrackerStatus {
  return STATUS_BY_WORD[word.trim().toLowerCase()] ?? 'UNKNOWN';
}

/** What one EasyPost webhook delivery (its verified raw body) is to the hub. */
export type EasyPostEventOutcome =
  | { readonly kind: 'tracking'; readonly sourceEventId: string; readonly description: string; readonly update: TrackingUpdate }
  /** An Event that is not about a Tracker: acknowledged, recorded, not published. */
  | { readonly kind: 'ignored'; readonly sourceEventId: string; readonly description: string }
  /** Null sourceEventId: the body did not get as far as a usable `id`. */
  | { readonly kind: 'rejected'; readonly sourceEventId: string | null; readonly rejection: CarrierWebhookRejection };

/**
 * Reads an EasyPost webhook body (an Event whose `result` is the Tracker as it is now) into a
 * TrackingUpdate. Pure and total: it never throws, every refusal names its field. The signature
 * is checked before (checkEasyPostSignature), on the same bytes.
 */
export function readEasyPostEvent(rawBody: Uint8Array, receivedAt: number): EasyPostEventOutcome {
  let sourceEventId: string | null = null;
  try {
    const event = parseEvent(rawBody);
    sourceEventId = requiredString(event, 'id', 'id');
    expectWord(event, 'object', 'object', 'Event');
    const description = requiredString(event, 'description', 'description');
    if (!EASYPOST_TRACKER_EVENTS.includes(description)) return { kind: 'ignored', sourceEventId, description };
    const update = trackingUpdateOf(objectField(event, 'result', 'result'), sourceEventId, receivedAt);
    return { kind: 'tracking', sourceEventId, description, update };
  } catch (error) {
    if (error instanceof CarrierWebhookRejected) return { kind: 'rejected', sourceEventId, rejection: error.rejection };
    throw error;
  }
}

function parseEvent(rawBody: Uint8Array): WebhookObject {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch {
    refuseWebhook(CarrierWebhookRejectionCode.PayloadMalformed, '(body)', 'the body is not UTF-8 text');
  }
  if (text.trim() === '') refuseWebhook(CarrierWebhookRejectionCode.PayloadMalformed, '(body)', 'the body is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    refuseWebhook(CarrierWebhookRejectionCode.PayloadMalformed, '(body)', `the body is not JSON: ${(error as Error).message}`);
  }
  if (!isWebhookObject(parsed)) refuseWebhook(CarrierWebhookRejectionCode.PayloadMalformed, '(body)', 'the body is JSON but not an Event object');
  return parsed;
}

function trackingUpdateOf(tracker: WebhookObject, sourceEventId: string, receivedAt: number): TrackingUpdate {
  expectWord(tracker, 'object', 'result.object', 'Tracker');
  const rawStatus = requiredString(tracker, 'status', 'result.status');
  const trackingDetails = optionalList(tracker, 'tracking_details', 'result.tracking_details').map((detail, index) =>
    trackingDetailOf(detail, `result.tracking_details.${index}`),
  );
  // The carrier's history oldest first; a stable sort keeps the carrier's order among equal times.
  const history = [...trackingDetails].sort((a, b) => a.datetime - b.datetime);
  const newestScan = history.at(-1)?.datetime;
  return {
    eventId: trackingEventId(EASYPOST, sourceEventId),
    sourceEventId,
    trackerId: requiredString(tracker, 'id', 'result.id'),
    carrier: requiredString(tracker, 'carrier', 'result.carrier').trim(),
    trackingCode: requiredString(tracker, 'tracking_code', 'result.tracking_code').trim(),
    status: trackerStatusOf(rawStatus),
    rawStatus,
    statusDetail: optionalString(tracker, 'status_detail', 'result.status_detail'),
    estDeliveryDate: optionalDateTime(tracker, 'est_delivery_date', 'result.est_delivery_date'),
    trackingDetails: history,
    occurredAt: newestScan ?? requiredDateTime(tracker, 'updated_at', 'result.updated_at'),
    receivedAt,
  };
}

function trackingDetailOf(detail: unknown, path: string): TrackingDetail {
  if (!isWebhookObject(detail)) refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, path, `${path} is not an object`);
  const location = detail['tracking_location'];
  const place: WebhookObject = isWebhookObject(location) ? location : {};
  if (location !== undefined && location !== null && !isWebhookObject(location)) {
    refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, `${path}.tracking_location`, `${path}.tracking_location is not an object`);
  }
  return {
    datetime: requiredDateTime(detail, 'datetime', `${path}.datetime`),
    status: requiredString(detail, 'status', `${path}.status`),
    statusDetail: optionalString(detail, 'status_detail', `${path}.status_detail`),
    message: optionalString(detail, 'message', `${path}.message`),
    city: optionalString(place, 'city', `${path}.tracking_location.city`),
    state: optionalString(place, 'state', `${path}.tracking_location.state`),
    country: optionalString(place, 'country', `${path}.tracking_location.country`),
    zip: optionalString(place, 'zip', `${path}.tracking_location.zip`),
  };
}
