/** Capped exponential backoff: `initialMs`, then × `factor` per further failure, never above `maxMs`. */
export interface CappedBackoff {
  readonly initialMs: number;
  readonly maxMs: number;
  /** 2 when omitted. */
  readonly factor?: number;
}

/**
 * The wait after the n-th consecutive failure (1-based; 0 or less waits nothing). `random` (0..1)
 * spreads the retries of many instances (equal jitter: half fixed, half random); omitted, the
 * delay is exact, which is what tests and a single leader want.
 */
export function cappedBackoffMs(failures: number, backoff: CappedBackoff, random?: () => number): number {
  if (failures < 1) return 0;
  const exponent = Math.min(failures - 1, 30);
  const delay = Math.min(backoff.maxMs, backoff.initialMs * (backoff.factor ?? 2) ** exponent);
  return random ? Math.round(delay / 2 + (random() * delay) / 2) : delay;
}
