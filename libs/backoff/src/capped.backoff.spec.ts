import { cappedBackoffMs } from './capped.backoff';

describe('cappedBackoffMs', () => {
  const backoff = { initialMs: 500, maxMs: 4_000 };

  it('waits nothing before a failure, then doubles from the initial wait up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 60].map((n) => cappedBackoffMs(n, backoff))).toEqual([0, 500, 1_000, 2_000, 4_000, 4_000, 4_000]);
  });

  it('grows by the given factor', () => {
    expect([1, 2, 3].map((n) => cappedBackoffMs(n, { initialMs: 100, maxMs: 10_000, factor: 3 }))).toEqual([100, 300, 900]);
  });

  it('with jitter, keeps half of the wait fixed and spreads the other half', () => {
    expect(cappedBackoffMs(3, backoff, () => 0)).toBe(1_000);
    expect(cappedBackoffMs(3, backoff, () => 1)).toBe(2_000);
    expect(cappedBackoffMs(3, backoff, () => 0.5)).toBe(1_500);
  });
});
