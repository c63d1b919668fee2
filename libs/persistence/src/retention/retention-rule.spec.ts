import { assertRetentionRules, quoteIdentifier, retentionBatchStatement, type RetentionRule } from './retention-rule';

const published: RetentionRule = {
  name: 'published outcome events',
  table: 'EventOutbox',
  where: '"publishedAt" IS NOT NULL',
  timestampColumn: 'publishedAt',
  keepFor: 7 * 86_400_000,
};

describe('retention rules', () => {
  it('builds one bounded, parameterised delete of finished rows past the cutoff', () => {
    expect(retentionBatchStatement(published)).toBe(
      'DELETE FROM "EventOutbox" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "EventOutbox" ' +
        'WHERE ("publishedAt" IS NOT NULL) AND "publishedAt" < $1 LIMIT $2 FOR UPDATE SKIP LOCKED)) ' +
        'AND ("publishedAt" IS NOT NULL) AND "publishedAt" < $1',
    );
  });

  it.each(['Event"Outbox', 'EventOutbox; DROP TABLE x', 'public.EventOutbox', '1table', '', 'a'.repeat(64), 'événement'])(
    'refuses %j as a table or column name',
    (name) => {
      expect(() => quoteIdentifier(name)).toThrow('not a safe SQL identifier');
      expect(() => assertRetentionRules([{ ...published, table: name }])).toThrow('not a safe SQL identifier');
      expect(() => assertRetentionRules([{ ...published, timestampColumn: name }])).toThrow('not a safe SQL identifier');
    },
  );

  it('quotes safe identifiers as they are, case kept', () => {
    expect(quoteIdentifier('ErpQueueEntry')).toBe('"ErpQueueEntry"');
    expect(quoteIdentifier('_completed_at2')).toBe('"_completed_at2"');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses to keep rows for %p ms', (keepFor) => {
    expect(() => assertRetentionRules([{ ...published, keepFor }])).toThrow('positive whole number of milliseconds');
  });

  it('refuses a rule without a finished-work condition, a nameless rule and a rule defined twice', () => {
    expect(() => assertRetentionRules([{ ...published, where: '  ' }])).toThrow('needs a condition');
    expect(() => assertRetentionRules([{ ...published, name: '' }])).toThrow('needs a name');
    expect(() => assertRetentionRules([published, { ...published, table: 'Other' }])).toThrow('defined twice');
  });

  it('accepts sound rules', () => {
    expect(() =>
      assertRetentionRules([published, { ...published, name: 'completed ERP calls', table: 'ErpQueueEntry', timestampColumn: 'completedAt' }]),
    ).not.toThrow();
  });
});
