import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { initialMs: 500, maxMs: 8_000 };

  it('doubles from the initial delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 60].map((failures) => backoffDelay(failures, policy))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('does not wait when nothing failed', () => {
    expect(backoffDelay(0, policy)).toBe(0);
  });
});
