import { type DrainEntry, ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { waitFor } from '@crossdock/testing';
import { erpDrainConfigSchema } from './erp-drain-config.schema';
import { type ErpRetry, ErpQueueDrainer } from './erp-queue.drainer';

// The drainer against an in-memory queue, a fake ERP, a fake lock session and a clock the test moves:
// what is tested is what goes to the ERP when, and what each answer does to the queue.

interface Row extends DrainEntry {
  status: 'PENDING' | 'DONE' | 'REFUSED';
  attempts: number;
  notBefore: number | null;
}

const START = 1_800_000_000_000;
const wait = { timeoutMs: 3_000, intervalMs: 2 };

describe('ErpQueueDrainer', () => {
  let clock: number;
  let rows: Row[];
  let sent: string[];
  let recorded: string[];
  let claimedOut: Set<string>;
  let leading: boolean;
  let send: jest.Mock<Promise<string>, [Row]>;
  let succeeded: jest.Mock<Promise<void>, [Row, string]>;
  let pendingReads: number;
  let lockTries: number;
  let roundsRun: number;
  const session = { lost: false, end: jest.fn(), query: jest.fn(async () => []) };
  const logger = { error: jest.fn(), warn: jest.fn() };
  const reschedule = jest.fn(async (row: Row, retry: ErpRetry) => {
    row.attempts = retry.entry.attempts;
    row.notBefore = retry.entry.notBefore;
  });
  const refused = jest.fn(async (row: Row, _error: ErpPermanentError) => void (row.status = 'REFUSED'));
  let drainer: ErpQueueDrainer<Row, Row, string> | undefined;

  function queued(id: string, orderId: string, sequence = 1, enqueuedAt = START): Row {
    const row: Row = { id, orderId, sequence, enqueuedAt, attempts: 0, notBefore: null, status: 'PENDING' };
    rows.push(row);
    return row;
  }

  function start(env: Record<string, string> = {}): ErpQueueDrainer<Row, Row, string> {
    drainer = new ErpQueueDrainer<Row, Row, string>({
      settings: erpDrainConfigSchema({ ratePerSecond: 50, burst: 10, maxInFlight: 8 }).parse({ ERP_DRAIN_POLL_MS: '5', ...env }),
      leaderLock: {
        db: {
          lockedSession: async () => {
            lockTries++;
            return leading ? session : null;
          },
        } as never,
        id: 42,
      },
      logger: logger as never,
      now: () => clock,
      messages: { roundFailed: 'round failed', notRecorded: 'not recorded', willRetry: 'will retry' },
      logFields: (row) => ({ ref: row.id }),
      beforeRound: async () => void roundsRun++,
      trace: (row) => ({ name: 'erp test', correlation: { correlationId: row.orderId }, attributes: {} }),
      queue: {
        entry: (row) => row,
        pending: async (limit, inFlight) => {
          pendingReads++;
          const out = new Set(inFlight.map((r) => r.id));
          return rows
            .filter((r) => r.status === 'PENDING' && !out.has(r.id))
            .sort((a, b) => a.enqueuedAt - b.enqueuedAt)
            .slice(0, limit);
        },
        claim: async (candidates) => candidates.filter((r) => !claimedOut.has(r.id)),
        send: (row) => send(row),
        succeeded: (row, answer) => succeeded(row, answer),
        reschedule,
        refused,
      },
    });
    drainer.start();
    return drainer;
  }

  /** Resolves once the drainer, leading, has run `count` more rounds. */
  async function rounds(count: number): Promise<void> {
    const target = roundsRun + count;
    await waitFor(() => (roundsRun >= target ? true : undefined), { ...wait, what: `${count} rounds` });
  }

  beforeEach(() => {
    jest.clearAllMocks();
    clock = START;
    rows = [];
    sent = [];
    recorded = [];
    claimedOut = new Set();
    leading = true;
    pendingReads = 0;
    lockTries = 0;
    roundsRun = 0;
    send = jest.fn(async (row: Row) => {
      sent.push(row.id);
      return `ok ${row.id}`;
    });
    succeeded = jest.fn(async (row: Row, answer: string) => {
      row.status = 'DONE';
      recorded.push(`${row.id}=${answer}`);
    });
  });

  afterEach(async () => {
    await drainer?.close();
    drainer = undefined;
  });

  it("sends an order's calls in sequence, oldest order first, and records each answer", async () => {
    queued('a2', 'A', 2, START + 1);
    queued('a1', 'A', 1, START + 2);
    queued('b1', 'B', 1, START);
    start();

    await waitFor(() => (recorded.length === 3 ? true : undefined), { ...wait, what: 'three answers recorded' });
    // The first round sends each order's head, oldest order first; A's second call waits for its first.
    expect(sent).toEqual(['b1', 'a1', 'a2']);
    expect(recorded).toEqual(expect.arrayContaining(['a1=ok a1', 'a2=ok a2', 'b1=ok b1']));
    expect(recorded.indexOf('a1=ok a1')).toBeLessThan(recorded.indexOf('a2=ok a2'));
  });

  it('keeps at most ERP_MAX_IN_FLIGHT calls out at once, and a freed slot goes to the next order', async () => {
    const answers: Array<() => void> = [];
    send.mockImplementation(
      (row) =>
        new Promise((resolve) => {
          sent.push(row.id);
          answers.push(() => resolve(`ok ${row.id}`));
        }),
    );
    for (const order of ['A', 'B', 'C', 'D']) queued(order.toLowerCase(), order);
    start({ ERP_MAX_IN_FLIGHT: '2' });

    await waitFor(() => (sent.length === 2 ? true : undefined), { ...wait, what: 'two calls out' });
    await rounds(3);
    expect(sent).toEqual(['a', 'b']);

    answers[0]?.();
    await waitFor(() => (sent.length === 3 ? true : undefined), { ...wait, what: 'the freed slot used' });
    expect(sent).toEqual(['a', 'b', 'c']);
    for (const answer of answers.slice(1)) answer();
    await waitFor(() => (answers.length === 4 ? true : undefined), { ...wait, what: 'the last call out' });
    answers[3]?.();
    await waitFor(() => (recorded.length === 4 ? true : undefined), { ...wait, what: 'every answer recorded' });
  });

  it('sends no more than the burst until the clock refills the bucket', async () => {
    for (const order of ['A', 'B', 'C', 'D']) queued(order.toLowerCase(), order);
    start({ ERP_RATE_LIMIT_BURST: '2', ERP_RATE_LIMIT_PER_SECOND: '1' });

    await waitFor(() => (recorded.length === 2 ? true : undefined), { ...wait, what: 'the burst sent' });
    await rounds(5);
    expect(sent).toEqual(['a', 'b']);

    clock += 1_000;
    await waitFor(() => (recorded.length === 3 ? true : undefined), { ...wait, what: 'one more after a second' });
    await rounds(3);
    expect(sent).toEqual(['a', 'b', 'c']);
  });

  it('on an outage reschedules the call and pauses the whole queue for the backoff, then sends it again', async () => {
    send.mockImplementationOnce(async (row) => {
      sent.push(row.id);
      throw new ErpTransientError('OUTAGE', 'ERP down');
    });
    queued('a', 'A', 1, START);
    start({ ERP_BACKOFF_INITIAL_MS: '500' });

    await waitFor(() => (reschedule.mock.calls.length === 1 ? true : undefined), { ...wait, what: 'the call rescheduled' });
    expect(reschedule.mock.calls[0]?.[1]).toEqual({
      entry: expect.objectContaining({ id: 'a', attempts: 1, notBefore: START + 500 }),
      reason: 'OUTAGE',
      lastError: 'OUTAGE: ERP down',
    });
    expect(logger.warn).toHaveBeenCalledWith({ ref: 'a', reason: 'OUTAGE', attempts: 1, notBefore: START + 500 }, 'will retry');

    // Another order's call, ready now, waits for the pause too: every call would fail the same way.
    queued('b', 'B', 1, START + 1);
    clock += 499;
    await rounds(5);
    expect(sent).toEqual(['a']);

    clock += 1_001;
    await waitFor(() => (recorded.length === 2 ? true : undefined), { ...wait, what: 'both sent after the pause' });
    expect(sent).toEqual(['a', 'a', 'b']);
  });

  it('hands a refusal to the queue once and never sends it again', async () => {
    const refusal = new ErpPermanentError('VALIDATION', 'unknown order');
    send.mockImplementationOnce(async (row) => {
      sent.push(row.id);
      throw refusal;
    });
    queued('a', 'A');
    start();

    await waitFor(() => (refused.mock.calls.length === 1 ? true : undefined), { ...wait, what: 'the refusal recorded' });
    await rounds(3);
    expect(refused).toHaveBeenCalledWith(expect.objectContaining({ id: 'a' }), refusal);
    expect(sent).toEqual(['a']);
    expect(reschedule).not.toHaveBeenCalled();
  });

  it('does not send a row its claim did not return', async () => {
    queued('a', 'A');
    queued('b', 'B');
    claimedOut.add('a');
    start();

    await waitFor(() => (recorded.length === 1 ? true : undefined), { ...wait, what: 'the claimed row recorded' });
    expect(sent).toEqual(['b']);
  });

  it('keeps a call whose answer could not be recorded queued, logs it, and sends it again', async () => {
    succeeded.mockImplementationOnce(async () => {
      throw new Error('database gone');
    });
    queued('a', 'A');
    start();

    await waitFor(() => (recorded.length === 1 ? true : undefined), { ...wait, what: 'the resend recorded' });
    expect(sent).toEqual(['a', 'a']);
    expect(logger.error).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'database gone' }), ref: 'a' }, 'not recorded');
  });

  it('drains only while it holds the lock, checks the lock now and then, and gives it up on close', async () => {
    leading = false;
    queued('a', 'A');
    const running = start();

    await waitFor(() => (lockTries >= 3 ? true : undefined), { ...wait, what: 'three tries for the lock' });
    expect(pendingReads).toBe(0);
    expect(sent).toEqual([]);

    leading = true;
    await waitFor(() => (recorded.length === 1 ? true : undefined), { ...wait, what: 'drained once leading' });
    // Every four polls, at least a second apart, the held session is asked whether it is alive.
    expect(session.query).not.toHaveBeenCalled();
    clock += 1_000;
    await waitFor(() => (session.query.mock.calls.length > 0 ? true : undefined), { ...wait, what: 'a check of the lock' });

    await running.close();
    drainer = undefined;
    expect(session.end).toHaveBeenCalled();
  });

  it('lets the calls in flight finish and be recorded before close returns', async () => {
    let answer: (value: string) => void = () => undefined;
    send.mockImplementationOnce((row) => {
      sent.push(row.id);
      return new Promise((resolve) => (answer = resolve));
    });
    queued('a', 'A');
    const running = start();
    await waitFor(() => (sent.length === 1 ? true : undefined), { ...wait, what: 'the call out' });

    const closed = running.close();
    drainer = undefined;
    answer('late');
    await closed;
    expect(recorded).toEqual(['a=late']);
    expect(session.end).toHaveBeenCalled();
  });
});
