import { isPartialCancellation } from './cancellation-scope';
import type { CancellationRefusalCode } from './fulfilment-progress';
import type { ChannelOrder } from '@crossdock/contracts';

/** What order-ingest knows about an order when one of its events arrives. */
export type OrderLifecycleState =
  /** Never seen. */
  | 'NEW'
  /** Validated and queued for the ERP (the ERP submission queue); `erpAttempted` says whether a call may have reached it. */
  | 'SUBMISSION_PENDING'
  /** The ERP confirmed the order; OrderAccepted published. */
  | 'ACCEPTED'
  /** Parked in the exception queue. */
  | 'HELD'
  /** Final rejection published. */
  | 'REJECTED'
  /** Cancelled (in the ERP, or before it ever reached it). */
  | 'CANCELLED'
  /** A cancel arrived for an order never seen: remembered so a late create is not booked. */
  | 'CANCELLED_BEFORE_CREATE';

/** How far the warehouse got, learned from shipment-events' order fulfilment (readFulfilmentProgress); decides whether a cancel can still work. */
export type FulfilmentProgress = 'NOT_STARTED' | 'PICKED' | 'SHIPPED';

export interface KnownOrder {
  readonly state: OrderLifecycleState;
  /** True once an ERP submit call was made (it may have created the order even if we saw no answer). */
  readonly erpAttempted: boolean;
  readonly fulfilment: FulfilmentProgress;
  /** occurredAt of the snapshot the current state was decided on. */
  readonly snapshotOccurredAt: number;
  /** eventIds already processed for this order. */
  readonly processedEventIds: readonly string[];
}

export type ArrivalAction =
  /** Run the validation pipeline; accepted drafts go to the ERP submission queue. */
  | { readonly kind: 'EVALUATE' }
  /** A newer snapshot of a HELD order (payment cleared, address fixed): re-run the rules on it. */
  | { readonly kind: 'REEVALUATE' }
  /** Already handled: count it as a duplicate, change nothing, publish nothing new. */
  | { readonly kind: 'SUPPRESS'; readonly reason: string }
  /** Cancel in the ERP (not shipped), then publish OrderCancelled so availability releases the reservation. */
  | { readonly kind: 'CANCEL_IN_ERP' }
  /** The create may already be in the ERP: queue the cancel behind it (never overtakes the create). */
  | { readonly kind: 'QUEUE_CANCEL_AFTER_SUBMIT' }
  /** Never reached the ERP: withdraw locally (drop the queued submission) and publish OrderCancelled without an ERP order. */
  | { readonly kind: 'CANCEL_LOCALLY' }
  /** Too late: publish OrderCancelled NOT_CANCELLABLE with this reason. */
  | { readonly kind: 'NOT_CANCELLABLE'; readonly reasonCode: CancellationRefusalCode }
  /** Cancel before create: remember it, acknowledge the cancellation (nothing booked, nothing reserved). */
  | { readonly kind: 'REMEMBER_EARLY_CANCEL' }
  /** Not actionable (UNKNOWN event type from a newer schema): dead-letter, never guess. */
  | { readonly kind: 'DEAD_LETTER'; readonly reason: string; readonly code?: string };

export interface ArrivalDecision {
  readonly action: ArrivalAction;
  /** Counted in the duplicates-suppressed metric. */
  readonly duplicate: boolean;
}

const suppress = (reason: string): ArrivalDecision => ({ action: { kind: 'SUPPRESS', reason }, duplicate: true });
const act = (action: ArrivalAction): ArrivalDecision => ({ action, duplicate: false });

/**
 * The decision table for an order event arriving in each state. One effect per business event:
 * a create books at most one ERP order, a cancel cancels at most once, and a cancel never races
 * ahead of its create. Pure: the caller loads `known` and applies the action in one transaction.
 *
 * | state \ event             | CREATED                                  | CANCELLED                                   |
 * |---------------------------|------------------------------------------|---------------------------------------------|
 * | NEW                       | EVALUATE                                 | REMEMBER_EARLY_CANCEL                       |
 * | SUBMISSION_PENDING        | SUPPRESS                                 | attempted ? QUEUE_CANCEL_AFTER_SUBMIT : CANCEL_LOCALLY |
 * | ACCEPTED                  | SUPPRESS                                 | shipped/picked ? NOT_CANCELLABLE : CANCEL_IN_ERP |
 * | HELD                      | newer snapshot ? REEVALUATE : SUPPRESS   | CANCEL_LOCALLY                              |
 * | REJECTED                  | SUPPRESS (final)                         | CANCEL_LOCALLY (nothing booked)             |
 * | CANCELLED                 | SUPPRESS (never resurrect)               | SUPPRESS                                    |
 * | CANCELLED_BEFORE_CREATE   | SUPPRESS (the early cancel wins)         | SUPPRESS                                    |
 *
 * An event whose eventId was already processed is always a duplicate (redelivery, replay).
 */
export function decideOnArrival(
  event: Pick<ChannelOrder, 'eventId' | 'eventType' | 'occurredAt'> & Partial<Pick<ChannelOrder, 'lines' | 'cancellation'>>,
  known: KnownOrder | null,
): ArrivalDecision {
  if (event.eventType === 'UNKNOWN') return act({ kind: 'DEAD_LETTER', reason: 'UNKNOWN event type (newer schema)' });
  if (event.eventType === 'CANCELLED' && isPartialCancellation(event)) {
    // Applying it as a whole-order cancel would cancel what the customer still wants.
    return act({
      kind: 'DEAD_LETTER',
      code: 'PARTIAL_CANCELLATION_UNSUPPORTED',
      reason: 'a line-level cancellation is not automated: cancel those lines in the ERP and confirm them to the channel',
    });
  }
  const state = known?.state ?? 'NEW';
  if (known?.processedEventIds.includes(event.eventId)) return suppress(`event ${event.eventId} already processed (${state})`);
  return event.eventType === 'CREATED' ? onCreated(state, event.occurredAt, known) : onCancelled(state, known);
}

function onCreated(state: OrderLifecycleState, occurredAt: number, known: KnownOrder | null): ArrivalDecision {
  switch (state) {
    case 'NEW':
      return act({ kind: 'EVALUATE' });
    case 'HELD':
      // Channels re-send the whole order when it changes (payment captured later, address edited).
      return known && occurredAt > known.snapshotOccurredAt ? act({ kind: 'REEVALUATE' }) : suppress('order is held; this snapshot is not newer');
    case 'SUBMISSION_PENDING':
      return suppress('order is already queued for the ERP');
    case 'ACCEPTED':
      return suppress('order is already booked in the ERP');
    case 'REJECTED':
      return suppress('order was rejected; the channel must place a new order');
    case 'CANCELLED':
      return suppress('order was cancelled; a late create must not resurrect it');
    case 'CANCELLED_BEFORE_CREATE':
      return suppress('a cancellation arrived before this create; the order is not booked');
  }
}

function onCancelled(state: OrderLifecycleState, known: KnownOrder | null): ArrivalDecision {
  switch (state) {
    case 'NEW':
      return act({ kind: 'REMEMBER_EARLY_CANCEL' });
    case 'SUBMISSION_PENDING':
      return act(known?.erpAttempted ? { kind: 'QUEUE_CANCEL_AFTER_SUBMIT' } : { kind: 'CANCEL_LOCALLY' });
    case 'ACCEPTED':
      if (known?.fulfilment === 'SHIPPED') return act({ kind: 'NOT_CANCELLABLE', reasonCode: 'ALREADY_SHIPPED' });
      if (known?.fulfilment === 'PICKED') return act({ kind: 'NOT_CANCELLABLE', reasonCode: 'ALREADY_PICKED' });
      return act({ kind: 'CANCEL_IN_ERP' });
    case 'HELD':
      return act({ kind: 'CANCEL_LOCALLY' });
    case 'REJECTED':
      // Nothing was booked or reserved: acknowledging the cancel is accurate and closes the order.
      return act({ kind: 'CANCEL_LOCALLY' });
    case 'CANCELLED':
    case 'CANCELLED_BEFORE_CREATE':
      return suppress('order is already cancelled');
  }
}
