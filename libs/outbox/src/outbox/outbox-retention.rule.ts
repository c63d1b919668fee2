import type { RetentionRule } from '@crossdock/persistence';

const DAY_MS = 86_400_000;

/**
 * The outbox's rows whose work is finished: events the relay published, kept `keepForDays` after
 * `publishedAt` (the relay reads `publishedAt IS NULL` only). An unpublished event is still owed to
 * its topic, however old, so it is never deleted. `name` says what the events are in the service's
 * words, for logs and the sweep's result: `published outcome events`.
 */
export function publishedOutboxEventsRule(name: string, keepForDays: number): RetentionRule {
  return {
    name,
    table: 'EventOutbox',
    where: '"publishedAt" IS NOT NULL',
    timestampColumn: 'publishedAt',
    keepFor: keepForDays * DAY_MS,
  };
}
