import { cappedBackoffMs } from '@crossdock/backoff';

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
}

/**
 * Wait before the next attempt after `failures` consecutive failures (1 = the first): doubling
 * from `initialMs`, capped at `maxMs`. No jitter: one connector instance polls one source, so
 * there is no herd to spread, and a predictable schedule is easier to read in the logs.
 */
export function backoffDelay(failures: number, { initialMs, maxMs }: BackoffPolicy): number {
  return cappedBackoffMs(failures, { initialMs, maxMs });
}
