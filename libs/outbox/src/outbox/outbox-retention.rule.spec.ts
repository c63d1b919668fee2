import { assertRetentionRules, retentionBatchStatement } from '@crossdock/persistence';
import { publishedOutboxEventsRule } from './outbox-retention.rule';

describe('publishedOutboxEventsRule', () => {
  it('deletes only published events, a whole number of days after their publication', () => {
    const rule = publishedOutboxEventsRule('published outcome events', 7);
    expect(rule).toEqual({
      name: 'published outcome events',
      table: 'EventOutbox',
      where: '"publishedAt" IS NOT NULL',
      timestampColumn: 'publishedAt',
      keepFor: 7 * 86_400_000,
    });
    expect(() => assertRetentionRules([rule])).not.toThrow();
    expect(retentionBatchStatement(rule)).toContain('("publishedAt" IS NOT NULL) AND "publishedAt" < $1');
  });
});
