/**
 * A quantile of a Prometheus histogram from a service's /metrics, as the upper bound of the bucket
 * it falls in (what Prometheus' histogram_quantile would interpolate inside): enough to tell
 * whether a delay is spent inside the service or around it (Kafka, the bench client). `series`
 * narrows it to the label series that contain it, e.g. `topic="..."`.
 */
export async function histogramQuantile(baseUrl: string, name: string, quantile: number, series = ''): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const buckets: Array<{ le: number; count: number }> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}_bucket{`) || !line.includes(series)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    buckets.push({ le: le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le), count: Number(line.split(' ').at(-1)) });
  }
  buckets.sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return Number.NaN;
  return buckets.find((b) => b.count >= quantile * total)?.le ?? Number.NaN;
}
