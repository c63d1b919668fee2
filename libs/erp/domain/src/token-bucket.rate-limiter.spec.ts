import { fullBucket, refill, TokenBucket, type TokenBucketConfig, tryTake } from './token-bucket.rate-limiter';

const config: TokenBucketConfig = { capacity: 3, refillPerSecond: 2 };

class FakeClock {
  constructor(public now = 1_000_000) {}
  readonly read = () => this.now;
  advance(ms: number) {
    this.now += ms;
  }
}

describe('token bucket', () => {
  it('allows a burst of `capacity`, then refuses and says how long to wait', () => {
    let state = fullBucket(config, 0);
    for (let i = 0; i < 3; i++) {
      const r = tryTake(state, config, 0);
      expect(r.granted).toBe(true);
      state = r.state;
    }
    const refused = tryTake(state, config, 0);
    expect(refused).toMatchObject({ granted: false, waitMs: 500 });
  });

  it('refills at the configured rate and never above capacity', () => {
    const empty = { tokens: 0, updatedAt: 0 };
    expect(refill(empty, config, 250).tokens).toBe(0.5);
    expect(refill(empty, config, 60_000).tokens).toBe(3);
  });

  it('does not mint tokens when the clock steps backwards', () => {
    const state = { tokens: 1, updatedAt: 10_000 };
    expect(refill(state, config, 5_000)).toEqual({ tokens: 1, updatedAt: 10_000 });
  });

  it('refuses a request larger than the bucket rather than waiting forever', () => {
    expect(() => tryTake(fullBucket(config, 0), config, 0, 4)).toThrow(RangeError);
  });

  it('sustains exactly the refill rate over time with a fake clock', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(config, clock.read);
    let granted = 0;
    for (let ms = 0; ms < 10_000; ms += 10) {
      while (bucket.tryTake()) granted++;
      clock.advance(10);
    }
    // 3 burst + 2/s × 10 s (the last refill lands exactly at 10 s, after the loop).
    expect(granted).toBe(3 + 2 * 10 - 1);
    expect(bucket.msUntilAvailable()).toBe(0);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.msUntilAvailable()).toBe(500);
  });
});
