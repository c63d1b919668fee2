import { Test } from '@nestjs/testing';
import pino from 'pino';
import { processMetrics } from '@crossdock/observability';
import type { RawExecutor } from '../bulk/bulk-insert';
import type { RetentionRule } from './retention-rule';
import { RetentionSweeper, type RetentionSweeperOptions } from './retention.sweeper';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-27T06:00:00.000Z');

/**
 * A fake database: per table, how many rows are finished and past the cutoff. Each statement
 * deletes up to its LIMIT of them, as the real batch does; a gate can hold a statement in flight.
 */
class FakeDatabase implements RawExecutor {
  readonly statements: Array<{ table: string; cutoff: unknown; limit: unknown }> = [];
  inFlight = 0;
  mostInFlight = 0;
  private readonly failures = new Map<string, { after: number; error: Error }>();
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor(private readonly finishedRows: Record<string, number>) {}

  remaining(table: string): number {
    return this.finishedRows[table] ?? 0;
  }

  /** The statement on `table` after `after` successful ones fails with `error`, once. */
  failNext(table: string, error: Error, after = 0): void {
    this.failures.set(table, { after, error });
  }

  /** Statements from now on wait until `release()`. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    const table = /^DELETE FROM "([^"]+)"/.exec(query)?.[1] ?? `unparsed: ${query}`;
    const [cutoff, limit] = values;
    this.statements.push({ table, cutoff, limit });
    this.inFlight++;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await (this.gate ?? Promise.resolve());
      const failure = this.failures.get(table);
      if (failure && failure.after-- === 0) {
        this.failures.delete(table);
        throw failure.error;
      }
      const deleted = Math.min(Number(limit), this.remaining(table));
      this.finishedRows[table] = this.remaining(table) - deleted;
      return deleted;
    } finally {
      this.inFlight--;
    }
  }
}

function rule(table: string, keepForDays = 7): RetentionRule {
  return { name: `finished ${table}`, table, where: '"doneAt" IS NOT NULL', timestampColumn: 'doneAt', keepFor: keepForDays * DAY };
}

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

function sweeperFor(db: FakeDatabase, rules: RetentionRule[], options: Partial<RetentionSweeperOptions> = {}) {
  const { logger, lines } = capturingLogger();
  const sweeper = new RetentionSweeper({ db, rules, intervalMs: 600_000, logger, batchSize: 1_000, now: () => NOW, ...options });
  return { sweeper, lines };
}

async function counterValue(name: string, table: string): Promise<number> {
  const metric = processMetrics().registry.getSingleMetric(name);
  const values = (await metric?.get())?.values ?? [];
  return values.find((v) => v.labels['table'] === table)?.value ?? 0;
}

describe('RetentionSweeper', () => {
  afterEach(() => jest.useRealTimers());

  it('deletes in batches until a batch comes back short, with the cutoff and batch size as parameters', async () => {
    const db = new FakeDatabase({ Outbox: 2_500 });
    const { sweeper } = sweeperFor(db, [rule('Outbox', 7)]);

    expect(await sweeper.sweep()).toEqual({ deleted: { 'finished Outbox': 2_500 }, failed: [] });
    expect(db.statements).toEqual([1, 2, 3].map(() => ({ table: 'Outbox', cutoff: '2026-11-20T06:00:00.000Z', limit: 1_000 })));
    expect(db.remaining('Outbox')).toBe(0);
  });

  it('asks once more when the last batch was exactly full, and stops at the empty one', async () => {
    const db = new FakeDatabase({ Outbox: 2_000 });
    const { sweeper } = sweeperFor(db, [rule('Outbox')]);

    await sweeper.sweep();
    expect(db.statements).toHaveLength(3);
    await sweeper.sweep();
    expect(db.statements).toHaveLength(4);
  });

  it('sweeps every rule with its own keep period, counts rows per table and logs one line for the sweep', async () => {
    const db = new FakeDatabase({ CountedOutbox: 3, CountedQueue: 1_200 });
    const { sweeper, lines } = sweeperFor(db, [rule('CountedOutbox', 7), rule('CountedQueue', 30)]);
    const before = await counterValue('crossdock_retention_rows_deleted_total', 'CountedQueue');

    await sweeper.sweep();

    expect(db.statements.map((s) => [s.table, s.cutoff])).toEqual([
      ['CountedOutbox', '2026-11-20T06:00:00.000Z'],
      ['CountedQueue', '2026-10-28T06:00:00.000Z'],
      ['CountedQueue', '2026-10-28T06:00:00.000Z'],
    ]);
    expect(await counterValue('crossdock_retention_rows_deleted_total', 'CountedOutbox')).toBe(3);
    expect((await counterValue('crossdock_retention_rows_deleted_total', 'CountedQueue')) - before).toBe(1_200);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'retention deleted 1203 finished rows',
        deleted: { 'finished CountedOutbox': 3, 'finished CountedQueue': 1_200 },
      }),
    ]);
  });

  it('logs nothing for a sweep that found nothing to delete', async () => {
    const db = new FakeDatabase({});
    const { sweeper, lines } = sweeperFor(db, [rule('Outbox')]);

    expect(await sweeper.sweep()).toEqual({ deleted: { 'finished Outbox': 0 }, failed: [] });
    expect(db.statements).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('logs a failing rule, still sweeps the others, and retries it at the next sweep', async () => {
    const db = new FakeDatabase({ BrokenOutbox: 10, Queue: 5 });
    db.failNext('BrokenOutbox', new Error('relation "BrokenOutbox" is locked'));
    const { sweeper, lines } = sweeperFor(db, [rule('BrokenOutbox'), rule('Queue')]);
    const failuresBefore = await counterValue('crossdock_retention_sweep_failures_total', 'BrokenOutbox');

    expect(await sweeper.sweep()).toEqual({ deleted: { 'finished BrokenOutbox': 0, 'finished Queue': 5 }, failed: ['finished BrokenOutbox'] });
    expect(lines[0]).toMatchObject({ level: 50, rule: 'finished BrokenOutbox', table: 'BrokenOutbox', err: { message: 'relation "BrokenOutbox" is locked' } });
    expect(await counterValue('crossdock_retention_sweep_failures_total', 'BrokenOutbox')).toBe(failuresBefore + 1);

    expect(await sweeper.sweep()).toEqual({ deleted: { 'finished BrokenOutbox': 10, 'finished Queue': 0 }, failed: [] });
    expect(db.remaining('BrokenOutbox')).toBe(0);
  });

  it('counts the batches a rule deleted before it failed', async () => {
    const db = new FakeDatabase({ PartlyOutbox: 2_500 });
    db.failNext('PartlyOutbox', new Error('connection reset'), 1);
    const { sweeper } = sweeperFor(db, [rule('PartlyOutbox')]);

    expect(await sweeper.sweep()).toEqual({ deleted: { 'finished PartlyOutbox': 1_000 }, failed: ['finished PartlyOutbox'] });
    expect(await counterValue('crossdock_retention_rows_deleted_total', 'PartlyOutbox')).toBe(1_000);
    expect(db.remaining('PartlyOutbox')).toBe(1_500);
  });

  it('never runs two sweeps at once: a sweep asked for while one runs gets that one', async () => {
    const db = new FakeDatabase({ Outbox: 1_500 });
    const { sweeper } = sweeperFor(db, [rule('Outbox')]);
    db.hold();

    const first = sweeper.sweep();
    const second = sweeper.sweep();
    expect(second).toBe(first);
    db.release();
    expect(await second).toEqual({ deleted: { 'finished Outbox': 1_500 }, failed: [] });
    expect(db.mostInFlight).toBe(1);
    expect(db.statements).toHaveLength(2);
  });

  it('sweeps on an interval with jitter, waiting for a slow sweep to end before the next wait starts', async () => {
    jest.useFakeTimers();
    const db = new FakeDatabase({ Outbox: 10 });
    const { sweeper } = sweeperFor(db, [rule('Outbox')], { intervalMs: 1_000, jitter: 0.1, random: () => 1 });
    sweeper.start();
    sweeper.start();

    await jest.advanceTimersByTimeAsync(1_099);
    expect(db.statements).toHaveLength(0);
    db.hold();
    await jest.advanceTimersByTimeAsync(1);
    expect(db.statements).toHaveLength(1);

    // The sweep is stuck far longer than the interval: no second sweep starts meanwhile.
    await jest.advanceTimersByTimeAsync(10_000);
    expect(db.statements).toHaveLength(1);
    db.release();
    await jest.advanceTimersByTimeAsync(1_099);
    expect(db.statements).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(db.statements).toHaveLength(2);
    expect(db.mostInFlight).toBe(1);
    await sweeper.stop();
  });

  it('waits less than the interval when the jitter draws low', async () => {
    jest.useFakeTimers();
    const db = new FakeDatabase({});
    const { sweeper } = sweeperFor(db, [rule('Outbox')], { intervalMs: 1_000, jitter: 0.1, random: () => 0 });
    sweeper.start();

    await jest.advanceTimersByTimeAsync(899);
    expect(db.statements).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(db.statements).toHaveLength(1);
    await sweeper.stop();
  });

  it('keeps sweeping on schedule after a sweep failed', async () => {
    jest.useFakeTimers();
    const db = new FakeDatabase({ Outbox: 3 });
    db.failNext('Outbox', new Error('database restarting'));
    const { sweeper, lines } = sweeperFor(db, [rule('Outbox')], { intervalMs: 1_000, jitter: 0 });
    sweeper.start();

    await jest.advanceTimersByTimeAsync(1_000);
    expect(db.remaining('Outbox')).toBe(3);
    expect(lines).toEqual([expect.objectContaining({ level: 50, msg: 'retention sweep failed; retrying at the next interval' })]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(db.remaining('Outbox')).toBe(0);
    await sweeper.stop();
  });

  it('on stop, finishes the batch in hand, deletes no further batch or rule, and schedules nothing', async () => {
    jest.useFakeTimers();
    const db = new FakeDatabase({ Outbox: 5_000, Queue: 5 });
    const { sweeper } = sweeperFor(db, [rule('Outbox'), rule('Queue')], { intervalMs: 1_000, jitter: 0 });
    sweeper.start();
    db.hold();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(db.statements).toHaveLength(1);

    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    db.release();
    await stopping;

    expect(db.remaining('Outbox')).toBe(4_000);
    expect(db.remaining('Queue')).toBe(5);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(db.statements).toHaveLength(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('never keeps the process alive: its timer is unref-ed', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
    const { sweeper } = sweeperFor(new FakeDatabase({}), [rule('Outbox')]);
    const before = timers();
    sweeper.start();
    try {
      expect(timers()).toBe(before);
    } finally {
      await sweeper.stop();
    }
  });

  it('refuses unsafe rules and settings when constructed', () => {
    const db = new FakeDatabase({});
    expect(() => sweeperFor(db, [{ ...rule('Outbox'), table: 'Outbox"; DROP TABLE "Orders' }])).toThrow('not a safe SQL identifier');
    expect(() => sweeperFor(db, [rule('Outbox')], { batchSize: 0 })).toThrow('batch size');
    expect(() => sweeperFor(db, [rule('Outbox')], { intervalMs: 0 })).toThrow('interval');
    expect(() => sweeperFor(db, [rule('Outbox')], { jitter: 1 })).toThrow('jitter');
  });

  it('as a Nest provider, starts after bootstrap and stops on shutdown, waiting for the batch in hand', async () => {
    const db = new FakeDatabase({ Outbox: 1 });
    const { sweeper } = sweeperFor(db, [rule('Outbox')], { intervalMs: 20, jitter: 0 });
    const app = await Test.createTestingModule({ providers: [{ provide: RetentionSweeper, useFactory: () => sweeper }] }).compile();

    await app.init();
    await waitUntil(() => db.statements.length > 0);
    db.hold();
    await waitUntil(() => db.inFlight > 0);
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(closed).toBe(false);
    db.release();
    await closing;

    const statements = db.statements.length;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(db.statements).toHaveLength(statements);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
