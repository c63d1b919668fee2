import { sql } from './sql.template';
import { parseUtcWallTime, sqlTypes } from './sql-types';

describe('sql template', () => {
  it('binds every interpolated value as a numbered parameter, in order', () => {
    const status = "PENDING'; DROP TABLE x; --";
    const statement = sql`SELECT "id" FROM "T" WHERE "status" = ${status} AND "id" = ANY(${['1', '2']}::bigint[]) LIMIT ${10}`;
    expect(statement.text).toBe('SELECT "id" FROM "T" WHERE "status" = $1 AND "id" = ANY($2::bigint[]) LIMIT $3');
    expect(statement.values).toEqual([status, ['1', '2'], 10]);
  });

  it('leaves a statement without values as it is', () => {
    expect(sql`SELECT 1`).toEqual({ text: 'SELECT 1', values: [] });
  });

  it('carries a readable name when the call site gives one', () => {
    expect(sql.named('erp-queue.pending')`SELECT "id" FROM "ErpQueueEntry" LIMIT ${5}`).toEqual({
      text: 'SELECT "id" FROM "ErpQueueEntry" LIMIT $1',
      values: [5],
      name: 'erp-queue.pending',
    });
    expect(sql`SELECT 1`.name).toBeUndefined();
  });
});

describe('sql types', () => {
  it('reads timestamp without zone as UTC wall time, whatever the process time zone', () => {
    expect(parseUtcWallTime('2026-11-27 10:32:55.123')).toEqual(new Date('2026-11-27T10:32:55.123Z'));
    expect(parseUtcWallTime('2026-11-27 00:00:00')).toEqual(new Date('2026-11-27T00:00:00.000Z'));
    expect(parseUtcWallTime('infinity')).toBe('infinity');
  });

  it('reads bigint as BigInt and leaves other types to pg', () => {
    expect(sqlTypes.getTypeParser(20)('9007199254740993')).toBe(9_007_199_254_740_993n);
    expect(sqlTypes.getTypeParser(1114)('2026-01-02 03:04:05.6')).toEqual(new Date('2026-01-02T03:04:05.600Z'));
    expect(sqlTypes.getTypeParser(23)('42')).toBe(42);
    expect(sqlTypes.getTypeParser(3802)('{"a":[1]}')).toEqual({ a: [1] });
  });
});
