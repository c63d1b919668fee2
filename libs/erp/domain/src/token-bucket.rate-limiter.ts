/**
 * Token bucket for the ERP's rate limit: `capacity` requests may burst, then `refillPerSecond` a
 * second. Functional core (state in, state out) so the drain policy stays pure and the state can be
 * persisted or shared; the clock is always passed in, never read.
 */
export interface TokenBucketConfig {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

export interface TokenBucketState {
  readonly tokens: number;
  readonly updatedAt: number;
}

export interface TakeResult {
  readonly granted: boolean;
  readonly state: TokenBucketState;
  /** 0 when granted; otherwise how long until `count` tokens are available. */
  readonly waitMs: number;
}

export function fullBucket(config: TokenBucketConfig, now: number): TokenBucketState {
  return { tokens: config.capacity, updatedAt: now };
}

export function refill(state: TokenBucketState, config: TokenBucketConfig, now: number): TokenBucketState {
  // A clock that steps backwards (NTP) must not mint or destroy tokens.
  const elapsedMs = Math.max(0, now - state.updatedAt);
  const tokens = Math.min(config.capacity, state.tokens + (elapsedMs * config.refillPerSecond) / 1000);
  return { tokens, updatedAt: Math.max(now, state.updatedAt) };
}

export function tryTake(state: TokenBucketState, config: TokenBucketConfig, now: number, count = 1): TakeResult {
  if (count > config.capacity) throw new RangeError(`cannot take ${count} tokens from a bucket of ${config.capacity}`);
  const current = refill(state, config, now);
  if (current.tokens >= count) return { granted: true, state: { ...current, tokens: current.tokens - count }, waitMs: 0 };
  const waitMs = Math.ceil(((count - current.tokens) * 1000) / config.refillPerSecond);
  return { granted: false, state: current, waitMs };
}

/** After a 429 the ERP's own count is what matters: start from empty so we do not burst straight back. */
export function emptyBucket(now: number): TokenBucketState {
  return { tokens: 0, updatedAt: now };
}

/** Stateful convenience wrapper for a single process (ERP simulator, one-drainer services). */
export class TokenBucket {
  private state: TokenBucketState;

  constructor(
    private readonly config: TokenBucketConfig,
    private readonly clock: () => number,
  ) {
    this.state = fullBucket(config, clock());
  }

  tryTake(count = 1): boolean {
    const result = tryTake(this.state, this.config, this.clock(), count);
    this.state = result.state;
    return result.granted;
  }

  msUntilAvailable(count = 1): number {
    const current = refill(this.state, this.config, this.clock());
    return current.tokens >= count ? 0 : Math.ceil(((count - current.tokens) * 1000) / this.config.refillPerSecond);
  }
}
