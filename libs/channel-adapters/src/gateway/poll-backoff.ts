import { cappedBackoffMs } from '@crossdock/backoff';

/** How a polling loop paces itself: the normal interval, and a doubling pause after failures. */
export interface PollBackoffPolicy {
  readonly intervalMs: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

/**
 * Delay before the next poll. After a success: the interval. After the n-th failure in a row:
 * initial × 2^(n−1) capped at the maximum, but never sooner than the source's own Retry-After
 * (a throttled marketplace answers the next early call with another 429, which resets its quota).
 */
export function nextPollDelayMs(policy: PollBackoffPolicy, consecutiveFailures: number, retryAfterMs: number | null = null): number {
  if (consecutiveFailures <= 0) return policy.intervalMs;
  const backoff = cappedBackoffMs(consecutiveFailures, { initialMs: policy.initialBackoffMs, maxMs: policy.maxBackoffMs });
  return Math.max(backoff, retryAfterMs ?? 0);
}
