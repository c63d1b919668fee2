/** One scan a journey adds: EasyPost's status word, its status_detail and the carrier's message. */
export interface JourneyStep {
  readonly status: string;
  readonly statusDetail: string;
  readonly message: string;
}

/** A package's scans in the order the carrier made them, and how their Events travel. */
export interface CarrierJourneyScript {
  readonly steps: readonly JourneyStep[];
  /** Steps whose Event goes out after the last step's (a scan the carrier uploads late): the webhook sees them out of order. */
  readonly sentLate?: readonly number[];
  /** Steps whose Event is delivered a second time, same bytes and signature (EasyPost delivers at least once). */
  readonly deliveredTwice?: readonly number[];
}

const step = (status: string, statusDetail: string, message: string): JourneyStep => ({ status, statusDetail, message });

const labelCreated = step('pre_transit', 'label_created', 'Shipping label created, carrier awaiting item');
const shipped = [
  labelCreated,
  step('in_transit', 'arrived_at_facility', 'Arrived at carrier facility'),
  step('in_transit', 'departed_facility', 'Departed carrier facility'),
];
const outForDelivery = step('out_for_delivery', 'out_for_delivery', 'Out for delivery');
const delivered = step('delivered', 'arrived_at_destination', 'Delivered, front door');
const failedAttempt = (why: string) => step('failure', 'delivery_exception', `Delivery attempted, ${why}`);
const normalDelivery = [...shipped, outForDelivery, delivered];

/**
 * The scripted package journeys, in EasyPost's vocabulary. A tracking number the carrier reuses
 * for another package later is not a journey of its own: `track(..., { reissue: true })` gives the
 * code a new tracker, which then runs any of these.
 */
export const CARRIER_JOURNEYS = {
  delivered: { steps: normalDelivery },
  /** A failed delivery attempt, out for delivery again the next day, delivered. */
  failed_then_delivered: { steps: [...shipped, outForDelivery, failedAttempt('no one available to sign'), outForDelivery, delivered] },
  returned: {
    steps: [...shipped, outForDelivery, failedAttempt('addressee unknown'), step('return_to_sender', 'return', 'Returned to sender')],
  },
  pickup: {
    steps: [...shipped, step('available_for_pickup', 'arrived_at_pickup_location', 'Available for pickup at the carrier access point'), delivered],
  },
  /** The shipper voided the label before the carrier had the package. */
  cancelled: { steps: [labelCreated, step('cancelled', 'cancelled', 'Shipping label cancelled by the shipper')] },
  /** The carrier's tracking system answers with an error for the number. */
  carrier_error: { steps: [labelCreated, step('error', 'unknown', 'The carrier returned an error for this tracking number')] },
  /** The second in-transit scan is uploaded late: the webhook gets `delivered` before it. */
  delivered_out_of_order: { steps: normalDelivery, sentLate: [2] },
  /** The `delivered` Event is delivered twice. */
  delivered_twice: { steps: normalDelivery, deliveredTwice: [4] },
} as const satisfies Readonly<Record<string, CarrierJourneyScript>>;

export type CarrierJourney = keyof typeof CARRIER_JOURNEYS;

export function isCarrierJourney(value: unknown): value is CarrierJourney {
  return typeof value === 'string' && Object.hasOwn(CARRIER_JOURNEYS, value);
}

/** The order the webhook receives a journey's steps in (indexes into `steps`): late ones last, a twice-delivered one repeated. */
export function deliveryOrder(script: CarrierJourneyScript): number[] {
  const late = new Set(script.sentLate ?? []);
  const twice = new Set(script.deliveredTwice ?? []);
  const onTime = script.steps.map((_, index) => index).filter((index) => !late.has(index));
  return [...onTime, ...late].flatMap((index) => (twice.has(index) ? [index, index] : [index]));
}
