import { ErpPermanentError, ErpTransientError } from './erp-errors';
import { describeQueue, type DrainConfig, initialDrainState, type DrainEntry, planDrain, recordAttempt } from './erp-queue-drain.policy';
import { backoffDelay } from './retry-backoff.policy';

const config: DrainConfig = {
  rateLimit: { capacity: 2, refillPerSecond: 1 },
  maxInFlight: 4,
  backoff: { initialMs: 1_000, factor: 2, maxMs: 30_000 },
};
const entry = (orderId: string, sequence: number, enqueuedAt: number, overrides: Partial<DrainEntry> = {}): DrainEntry => ({
  id: `${orderId}/${sequence}`,
  orderId,
  sequence,
  enqueuedAt,
  attempts: 0,
  notBefore: null,
  ...overrides,
});
const ids = (entries: readonly DrainEntry[]) => entries.map((e) => e.id);
const none = new Set<string>();

describe('planDrain', () => {
  const t0 = 100_000;

  it('sends oldest first, within the rate limit, and says when to come back', () => {
    const pending = [entry('C', 1, 30), entry('A', 1, 10), entry('B', 1, 20)];
    const plan = planDrain(pending, none, initialDrainState(config, t0), config, t0);
    expect(ids(plan.dispatch)).toEqual(['A/1', 'B/1']);
    expect(plan.nextWakeAt).toBe(t0 + 1_000);
    const later = planDrain([entry('C', 1, 30)], none, plan.state, config, t0 + 1_000);
    expect(ids(later.dispatch)).toEqual(['C/1']);
  });

  it("never lets an order's cancel overtake its create, even when the cancel is older in the queue", () => {
    const pending = [entry('A', 2, 5), entry('A', 1, 50)];
    expect(ids(planDrain(pending, none, initialDrainState(config, t0), config, t0).dispatch)).toEqual(['A/1']);
  });

  it('sends nothing for an order that already has a call in flight', () => {
    const pending = [entry('A', 2, 5), entry('B', 1, 6)];
    expect(ids(planDrain(pending, new Set(['A']), initialDrainState(config, t0), config, t0).dispatch)).toEqual(['B/1']);
  });

  it('skips entries still backing off without blocking other orders', () => {
    const pending = [entry('A', 1, 5, { notBefore: t0 + 5_000, attempts: 1 }), entry('B', 1, 6)];
    const plan = planDrain(pending, none, initialDrainState(config, t0), config, t0);
    expect(ids(plan.dispatch)).toEqual(['B/1']);
    expect(plan.nextWakeAt).toBe(t0 + 5_000);
  });

  it('respects the in-flight cap', () => {
    const pending = [entry('A', 1, 1), entry('B', 1, 2), entry('C', 1, 3)];
    const plan = planDrain(
      pending,
      new Set(['X', 'Y', 'Z']),
      initialDrainState({ ...config, rateLimit: { capacity: 10, refillPerSecond: 10 } }, t0),
      config,
      t0,
    );
    expect(ids(plan.dispatch)).toEqual(['A/1']);
  });

  it('sends nothing while paused by an outage, then resumes', () => {
    const state = { ...initialDrainState(config, t0), pausedUntil: t0 + 10_000 };
    const paused = planDrain([entry('A', 1, 1)], none, state, config, t0 + 9_999);
    expect(paused).toMatchObject({ dispatch: [], nextWakeAt: t0 + 10_000 });
    expect(ids(planDrain([entry('A', 1, 1)], none, state, config, t0 + 10_000).dispatch)).toEqual(['A/1']);
  });

  it('is idle on an empty queue', () => {
    expect(planDrain([], none, initialDrainState(config, t0), config, t0)).toMatchObject({
      dispatch: [],
      nextWakeAt: null,
    });
  });
});

describe('recordAttempt', () => {
  const now = 500_000;
  const a = entry('A', 1, 1);

  it('finishes an entry on success and resets the failure count', () => {
    const state = { ...initialDrainState(config, now), consecutiveFailures: 3 };
    expect(recordAttempt(a, null, state, config, now)).toEqual({
      outcome: { kind: 'DONE' },
      state: { ...state, consecutiveFailures: 0 },
    });
  });

  it("pauses the whole drain for the ERP's Retry-After on an outage, keeping the entry in place", () => {
    const result = recordAttempt(a, new ErpTransientError('OUTAGE', '503', 20_000), initialDrainState(config, now), config, now);
    expect(result.outcome).toEqual({ kind: 'RETRY', entry: { ...a, attempts: 1, notBefore: now + 20_000 } });
    expect(result.state.pausedUntil).toBe(now + 20_000);
  });

  it('backs off exponentially when the ERP gives no Retry-After', () => {
    let state = initialDrainState(config, now);
    const pauses: number[] = [];
    for (let i = 0; i < 6; i++) {
      state = recordAttempt(a, new ErpTransientError('TIMEOUT', 'no answer'), state, config, now).state;
      pauses.push((state.pausedUntil ?? 0) - now);
    }
    expect(pauses).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000]);
  });

  it('empties the rate-limit bucket after a 429 so the drain does not burst straight back', () => {
    const result = recordAttempt(a, new ErpTransientError('THROTTLED', '429', 3_000), initialDrainState(config, now), config, now);
    expect(result.state.limiter.tokens).toBe(0);
    expect(result.state.pausedUntil).toBe(now + 3_000);
  });

  it('treats an unclassified error as transient: an order is never dropped on an unknown failure', () => {
    expect(recordAttempt(a, new Error('socket hang up'), initialDrainState(config, now), config, now).outcome.kind).toBe('RETRY');
  });

  it('parks an entry the ERP refused for good', () => {
    const refusal = new ErpPermanentError('VALIDATION', 'customer inactive');
    expect(recordAttempt(a, refusal, initialDrainState(config, now), config, now).outcome).toEqual({
      kind: 'PARK',
      error: refusal,
    });
  });
});

describe('describeQueue', () => {
  it('reports depth, oldest age and retrying entries for operations', () => {
    const stats = describeQueue([entry('A', 1, 1_000, { attempts: 2 }), entry('A', 2, 4_000), entry('B', 1, 2_000)], 10_000);
    expect(stats).toEqual({
      depth: 3,
      oldestEnqueuedAt: 1_000,
      oldestAgeMs: 9_000,
      retrying: 1,
    });
    expect(describeQueue([], 10_000)).toMatchObject({ depth: 0, oldestAgeMs: 0, oldestEnqueuedAt: null });
  });
});

describe('backoffDelay', () => {
  it('spreads retries with equal jitter within [delay/2, delay]', () => {
    expect(backoffDelay(3, config.backoff, () => 0)).toBe(2_000);
    expect(backoffDelay(3, config.backoff, () => 1)).toBe(4_000);
  });
});
