import { messageKey, type TopicDefinition } from '@crossdock/contracts';
import { currentCorrelation, injectTraceHeaders } from '@crossdock/observability';
import { bulkInsertAll, type BulkRows, type RawExecutor } from '@crossdock/persistence';

/**
 * The topics a service writes through its outbox, by catalog key (`Topics.ordersAccepted.key`):
 * the row keeps the key, the relay finds the contract by it.
 */
export type OutboxCatalog = Readonly<Record<string, TopicDefinition>>;

/** Where an event's work happened: the trace and correlation its outbox row carries on. */
export interface OutboxStamp {
  readonly traceparent: string | null;
  readonly correlationId: string | undefined;
}

/** An `EventOutbox` row as written, before the database gives it an id. */
export interface OutboxRow {
  /** Catalog key of the topic. */
  readonly topic: string;
  readonly messageKey: string;
  /** The event's own id: consumers deduplicate a re-publication on it (the idempotency key header). */
  readonly eventId: string;
  /** The event value as JSON. */
  readonly payload: unknown;
  readonly traceparent: string | null;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** The identity of one event: its id, what caused it, and (rarely) a key other than the contract's. */
export interface OutboxEventIds<T> {
  readonly eventId: string;
  readonly causationId?: string | null;
  /** The Kafka key; by default built from the value by the contract's key format (`messageKey`). */
  readonly key?: (value: T) => string;
  /** The current trace and correlation when omitted. */
  readonly stamp?: OutboxStamp;
}

/** The current trace context as a traceparent, for rows whose work continues later. */
export function currentTraceparent(): string | null {
  return injectTraceHeaders({})['traceparent'] ?? null;
}

/** The current trace and correlation, kept for a row written later outside this context. */
export function currentStamp(): OutboxStamp {
  return { traceparent: currentTraceparent(), correlationId: currentCorrelation()?.correlationId };
}

/**
 * The outbox row of one event of `contract`, keyed as the contract says (`{orderId}`,
 * `{shipmentId}`...), stamped with the current (or a kept) trace and correlation. The relay
 * publishes it inside that trace, which is what puts the event into its business flow's trace.
 */
export function outboxRow<T>(contract: TopicDefinition<T>, value: T, ids: OutboxEventIds<T>): OutboxRow {
  const key = ids.key ? ids.key(value) : messageKey(contract, value as unknown as Parameters<typeof messageKey>[1]);
  const stamp = ids.stamp ?? currentStamp();
  return {
    topic: contract.key,
    messageKey: key,
    eventId: ids.eventId,
    payload: value,
    traceparent: stamp.traceparent,
    correlationId: stamp.correlationId ?? key,
    causationId: ids.causationId ?? null,
  };
}

/** Outbox rows as one table's share of a bulk insert (`bulkInsertAll`), to join a larger statement. */
export function outboxBulkRows(rows: readonly OutboxRow[], now: Date = new Date()): BulkRows {
  return {
    table: 'EventOutbox',
    columns: {
      topic: 'text',
      messageKey: 'text',
      eventId: 'text',
      payload: 'jsonb',
      traceparent: 'text',
      correlationId: 'text',
      causationId: 'text',
      createdAt: 'timestamp',
    },
    rows: rows.map((r) => ({ ...r, createdAt: now })),
  };
}

/**
 * Writes events into the outbox in the caller's transaction (a Prisma transaction client or a
 * `SqlPool` transaction), so the business change and its events commit together or not at all.
 * One statement however many rows. Wake the relay after the commit so it publishes soon.
 */
export async function writeOutboxEvents(tx: RawExecutor, rows: readonly OutboxRow[], now: Date = new Date()): Promise<number> {
  if (rows.length === 0) return 0;
  return bulkInsertAll(tx, [outboxBulkRows(rows, now)]);
}
