/** Nearest-rank percentile of already-collected samples. */
export function percentile(samples: readonly number[], p: number): number {
  return ofSorted(
    [...samples].sort((a, b) => a - b),
    p,
  );
}

/** What every latency row reports; NaN when there were no samples. */
export interface LatencySummary {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** p50, p99 and max of latencies in milliseconds, sorting them once. */
export function latencySummary(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: ofSorted(sorted, 50), p99Ms: ofSorted(sorted, 99), maxMs: sorted.at(-1) ?? Number.NaN };
}

function ofSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Runs `measure` `runs` times and keeps every result, so the report can show medians and spread. */
export async function repeat<T>(runs: number, measure: (run: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let run = 1; run <= runs; run++) results.push(await measure(run));
  return results;
}

export function medianOf<T>(results: readonly T[], pick: (result: T) => number): number {
  return median(results.map(pick));
}

export function formatTable(rows: ReadonlyArray<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  const cells = rows.map((row) => headers.map((h) => String(row[h] ?? '')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

/** Median and spread of one measurement across runs: what every report row shows. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function spread(samples: readonly number[]): Spread {
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs: samples.length };
}

export function spreadOf<T>(results: readonly T[], pick: (result: T) => number): Spread {
  return spread(results.map(pick));
}

/** Rounds to a precision that suits the magnitude: 123,456, 1,234.5, 12.34, 0.123; whole numbers stay whole. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  const digits = Number.isInteger(value) || magnitude >= 10_000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
