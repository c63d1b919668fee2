import { type OrderAccepted, type OrderCancelled, type OrderRejected, Topics } from '@crossdock/contracts';
import { currentStamp, outboxRow as outboxRowOf, type OutboxRow, type OutboxStamp, writeOutboxEvents } from '@crossdock/outbox';
import type { RawExecutor } from '@crossdock/persistence';

/** The outcome topics order-ingest writes through its outbox, by catalog key: the relay's catalog. */
export const OUTCOME_TOPICS = {
  ordersAccepted: Topics.ordersAccepted,
  ordersRejected: Topics.ordersRejected,
  orderCancellations: Topics.orderCancellations,
} as const;

export type OutcomeTopic = keyof typeof OUTCOME_TOPICS;

export type OutcomeEvent =
  | { readonly topic: 'ordersAccepted'; readonly value: OrderAccepted }
  | { readonly topic: 'ordersRejected'; readonly value: OrderRejected }
  | { readonly topic: 'orderCancellations'; readonly value: OrderCancelled };

/**
 * The outbox row of an outcome event, keyed by its contract (the order id), stamped with the
 * current (or a kept) trace and correlation: the relay publishes inside that trace, which is what
 * puts the outcome event into the order's trace.
 */
export function outcomeRow(event: OutcomeEvent, stamp: OutboxStamp = currentStamp()): OutboxRow {
  const ids = { eventId: event.value.eventId, causationId: event.value.causationId, stamp };
  switch (event.topic) {
    case 'ordersAccepted':
      return outboxRowOf(OUTCOME_TOPICS.ordersAccepted, event.value, ids);
    case 'ordersRejected':
      return outboxRowOf(OUTCOME_TOPICS.ordersRejected, event.value, ids);
    case 'orderCancellations':
      return outboxRowOf(OUTCOME_TOPICS.orderCancellations, event.value, ids);
  }
}

/** Writes an outcome event in the caller's transaction, so the decision and its event commit together. */
export async function enqueueOutcomeEvent(tx: RawExecutor, event: OutcomeEvent): Promise<void> {
  await writeOutboxEvents(tx, [outcomeRow(event)]);
}
