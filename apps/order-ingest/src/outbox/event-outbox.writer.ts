import type { OrderAccepted, OrderCancelled, OrderRejected } from '@crossdock/contracts';
import { currentCorrelation, injectTraceHeaders } from '@crossdock/observability';
import type { Prisma } from '../generated/prisma/client';

/** The outcome topics order-ingest owns, by catalog key; the relay maps the key back to the contract. */
export type OutcomeTopic = 'ordersAccepted' | 'ordersRejected' | 'orderCancellations';

export type OutcomeEvent =
  | { readonly topic: 'ordersAccepted'; readonly value: OrderAccepted }
  | { readonly topic: 'ordersRejected'; readonly value: OrderRejected }
  | { readonly topic: 'orderCancellations'; readonly value: OrderCancelled };

/**
 * Writes an outcome event into the outbox inside the caller's transaction, so the decision and its
 * event commit together or not at all. The current trace context is stored with it: the relay
 * publishes inside it, which is what puts the accepted event into the order's trace.
 */
export async function enqueueOutcomeEvent(tx: Prisma.TransactionClient, event: OutcomeEvent): Promise<void> {
  await tx.eventOutbox.create({ data: outboxRow(event) });
}

/** Where an event's work happened: the trace and correlation its outbox row carries on. */
export interface OutboxStamp {
  readonly traceparent: string | null;
  readonly correlationId: string | undefined;
}

/** The current trace and correlation, kept for a row written later outside this context. */
export function currentStamp(): OutboxStamp {
  return { traceparent: currentTraceparent(), correlationId: currentCorrelation()?.correlationId };
}

/** An outbox row as written, before the database gives it an id. */
export interface OutboxRow {
  readonly topic: OutcomeTopic;
  readonly messageKey: string;
  readonly eventId: string;
  readonly payload: Prisma.InputJsonValue;
  readonly traceparent: string | null;
  readonly correlationId: string;
  readonly causationId: string;
}

/** The outbox row of an event, stamped with the current (or a kept) trace and correlation; for bulk inserts. */
export function outboxRow(event: OutcomeEvent, stamp: OutboxStamp = currentStamp()): OutboxRow {
  return {
    topic: event.topic,
    messageKey: event.value.orderId,
    eventId: event.value.eventId,
    payload: event.value as unknown as Prisma.InputJsonValue,
    traceparent: stamp.traceparent,
    correlationId: stamp.correlationId ?? event.value.orderId,
    causationId: event.value.causationId,
  };
}

/** The current trace context as a traceparent, for rows whose work continues later (ERP queue). */
export function currentTraceparent(): string | null {
  return injectTraceHeaders({})['traceparent'] ?? null;
}
