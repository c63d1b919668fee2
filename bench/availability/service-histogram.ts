export type HistogramBuckets = ReadonlyArray<{ readonly le: number; readonly count: number }>;

/**
 * A Prometheus histogram's cumulative buckets from a service's /metrics. `series` narrows it to the
 * label series that contain it, e.g. `topic="..."`.
 */
export async function histogramBuckets(baseUrl: string, name: string, series = ''): Promise<HistogramBuckets> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const buckets: Array<{ le: number; count: number }> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`) || !line.includes(series)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    buckets.push({ le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), count: Number(line.split(' ').at(-1)) });
  }
  return buckets.sort((a, b) => a.le - b.le);
}

/**
 * A quantile as the upper bound of the bucket it falls in (what Prometheus' histogram_quantile
 * would interpolate inside): enough to tell whether a delay is spent inside the service or around
 * it. With `since` (an earlier read of the same histogram), only what was observed after it counts.
 */
export function bucketQuantile(buckets: HistogramBuckets, quantile: number, since: HistogramBuckets = []): number {
  const before = new Map(since.map((b) => [b.le, b.count]));
  const window = buckets.map((b) => ({ le: b.le, count: b.count - (before.get(b.le) ?? 0) }));
  const total = window.at(-1)?.count ?? 0;
  if (total <= 0) return Number.NaN;
  return window.find((b) => b.count >= quantile * total)?.le ?? Number.NaN;
}
