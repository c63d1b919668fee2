import type { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics.registry';

let processRegistry: MetricsRegistry | undefined;

/**
 * The process-wide registry that `GET /metrics` exposes. Lazily created so metrics declared at
 * module load, before `ObservabilityModule.forRoot` names the service, still land in it.
 */
export function processMetrics(): MetricsRegistry {
  processRegistry ??= new MetricsRegistry();
  return processRegistry;
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
  return processMetrics().counter(name, help, labelNames);
}

export function histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
  return processMetrics().histogram(name, help, labelNames, buckets);
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
  return processMetrics().gauge(name, help, labelNames);
}
