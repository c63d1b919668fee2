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
  const exponent = Math.max(0, failures - 1);
  const delay = Math.min(config.maxMs, config.initialMs * config.factor ** exponent);
  return random ? Math.round(delay / 2 + (random() * delay) / 2) : delay;
}
