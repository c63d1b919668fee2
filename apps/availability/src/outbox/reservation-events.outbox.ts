import { Topics, type ReservationEvent, type StockShortage } from '@crossdock/contracts';
import { outboxRow, type OutboxRow } from '@crossdock/outbox';
import type { ReservationLine } from '@crossdock/availability/domain';

/** The topics availability writes through its outbox, by catalog key: the relay's catalog. */
export const RESERVATION_EVENT_TOPICS = {
  reservations: Topics.reservations,
  stockShortages: Topics.stockShortages,
} as const;

/**
 * The outbox row of a reservation event, keyed by its contract (`{orderId}`, so one order's
 * reservation history stays in order), stamped with the current trace and correlation (the
 * order's, or the expiry sweep's).
 */
export function reservationEventRow(event: ReservationEvent): OutboxRow {
  return outboxRow(RESERVATION_EVENT_TOPICS.reservations, event, { eventId: event.eventId, causationId: event.causationId });
}

/** The outbox row of a shortage, keyed by its contract. */
export function stockShortageRow(shortage: StockShortage): OutboxRow {
  return outboxRow(RESERVATION_EVENT_TOPICS.stockShortages, shortage, { eventId: shortage.eventId, causationId: shortage.causationId });
}

/** What a newly decided order line announces: its reservation, its shortage, or both (a partial reservation). */
export function lineEventRows(line: ReservationLine): OutboxRow[] {
  return [...(line.reservedEvent ? [reservationEventRow(line.reservedEvent)] : []), ...(line.shortageEvent ? [stockShortageRow(line.shortageEvent)] : [])];
}
