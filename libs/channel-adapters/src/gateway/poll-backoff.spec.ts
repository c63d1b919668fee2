import { nextPollDelayMs } from './poll-backoff';

const policy = { intervalMs: 60_000, initialBackoffMs: 1_000, maxBackoffMs: 30_000 };

describe('nextPollDelayMs', () => {
  it('waits the interval after a success', () => {
    expect(nextPollDelayMs(policy, 0)).toBe(60_000);
  });

  it('doubles after each failure in a row up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => nextPollDelayMs(policy, n))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('never calls back sooner than the source asked with Retry-After', () => {
    expect(nextPollDelayMs(policy, 1, 45_000)).toBe(45_000);
    expect(nextPollDelayMs(policy, 5, 500)).toBe(16_000);
  });
});
