/**
 * The values of a metric's series in Prometheus text whose labels include all of `labels` (a
 * series may carry more, e.g. the registry's default `service` label).
 */
export function metricSeries(text: string, name: string, labels: Readonly<Record<string, string>> = {}): number[] {
  const wanted = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  return text
    .split('\n')
    .filter((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && wanted.every((w) => line.includes(w)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

/** The value of one series of a metric on `${baseUrl}/metrics`: the first carrying `labels`, 0 when there is none. */
export async function metricValue(baseUrl: string, name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
  const [value] = metricSeries(await (await fetch(`${baseUrl}/metrics`)).text(), name, labels);
  return value ?? 0;
}
