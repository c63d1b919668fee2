import { describeStatement, StatementNames } from './statement-names';

describe('StatementNames', () => {
  it('names a statement by what it does and a short hash of its text, the same every time', () => {
    const names = new StatementNames();
    const scan = names.nameOf('SELECT "id" FROM "EventOutbox" WHERE "publishedAt" IS NULL', 'outbox.scan');
    expect(scan).toMatch(/^outbox\.scan_[0-9a-f]{8}$/);
    expect(names.nameOf('SELECT "id" FROM "EventOutbox" WHERE "publishedAt" IS NULL', 'outbox.scan')).toBe(scan);
    // Names depend on the name given and the text only, so every process and connection agrees on them.
    expect(new StatementNames().nameOf('SELECT "id" FROM "EventOutbox" WHERE "publishedAt" IS NULL', 'outbox.scan')).toBe(scan);
  });

  it('keeps two texts under one readable name apart', () => {
    const names = new StatementNames();
    const first = names.nameOf('SELECT 1', 'probe');
    const second = names.nameOf('SELECT 2', 'probe');
    expect(first).toMatch(/^probe_/);
    expect(second).toMatch(/^probe_/);
    expect(second).not.toBe(first);
  });

  it('names an unnamed statement by its verb and first table', () => {
    const names = new StatementNames();
    expect(names.nameOf('INSERT INTO "ChannelOrderRecord" ("orderId") SELECT 1')).toMatch(/^insert\.ChannelOrderRecord_[0-9a-f]{8}$/);
    expect(names.nameOf('\n  WITH locked AS (SELECT "orderId" FROM "ChannelOrderRecord") SELECT 1')).toMatch(/^with\.ChannelOrderRecord_/);
    expect(names.nameOf('SELECT 1')).toMatch(/^select_[0-9a-f]{8}$/);
    expect(describeStatement('-- a comment\nUPDATE "ErpQueueEntry" SET x = 1')).toBe('update.ErpQueueEntry');
  });

  it('keeps names short enough for PostgreSQL, and only safe characters', () => {
    const name = new StatementNames().nameOf('SELECT 1', `a very "long" name; ${'x'.repeat(80)}`) as string;
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^[A-Za-z0-9._-]+_[0-9a-f]{8}$/);
  });

  it('leaves texts beyond its capacity unnamed, and keeps naming the ones it knows', () => {
    const names = new StatementNames(2);
    const a = names.nameOf('SELECT 1');
    names.nameOf('SELECT 2');
    expect(names.nameOf('SELECT 3')).toBeUndefined();
    expect(names.nameOf('SELECT 1')).toBe(a);
  });
});
