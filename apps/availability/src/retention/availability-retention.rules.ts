import { publishedOutboxEventsRule } from '@crossdock/outbox';
import type { RetentionRule } from '@crossdock/persistence';
import type { AvailabilityConfig } from '../config/availability-config.schema';

/**
 * The rows of availability whose work is finished: outbox events the relay published (it reads
 * `publishedAt IS NULL` only). Unpublished events are still owed to their topic, however old.
 *
 * Deliberately never deleted: LineReservation and ReservationChange (the reservation ledger, and
 * what makes a redelivered order or cancellation change nothing), OrderOutcome (the guard against
 * an acceptance older than a cancellation) and ChannelRulesVersion (which rules a record used).
 */
export function availabilityRetentionRules(config: Pick<AvailabilityConfig, 'RETENTION_OUTBOX_DAYS'>): RetentionRule[] {
  return [publishedOutboxEventsRule('published reservation events', config.RETENTION_OUTBOX_DAYS)];
}
