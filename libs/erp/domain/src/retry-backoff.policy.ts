import { cappedBackoffMs } from '@crossdock/backoff';

export interface BackoffConfig {
  readonly initialMs: number;
  readonly factor: number;
  readonly maxMs: number;
}

export const DEFAULT_ERP_BACKOFF: BackoffConfig = { initialMs: 500, factor: 2, maxMs: 60_000 };

/**
 * Capped exponential backoff for the n-th consecutive failure (1-based). `random` (0..1) spreads
 * retries of many instances (equal jitter: half fixed, half random); omitted, the delay is exact,
 * which is what tests and a single drainer want.
 */
export function backoffDelay(failures: number, config: BackoffConfig = DEFAULT_ERP_BACKOFF, random?: () => number): number {
  // A failure count below 1 still waits the initial delay here: the drainer asks only after a failure.
  return cappedBackoffMs(Math.max(1, failures), config, random);
}
