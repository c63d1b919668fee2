import { positiveIntFromEnv } from '../lib/env';

/** Knobs of `bench:order-ingest` (issue 3 targets in the report). */
export interface OrderIngestBenchConfig {
  /** Orders published as fast as possible for the sustained-throughput run. */
  readonly orders: number;
  readonly warmupOrders: number;
  /** Open-loop run at half the sustained rate. */
  readonly latencySeconds: number;
  /** Backbone rounds before the service measurements (each takes a minute or two). */
  readonly backboneRuns: number;
  /** order-ingest instances in one consumer group (BENCH_INSTANCES: 1, 2, 4): the cost of coordination. */
  readonly instances: number;
}

export function orderIngestBenchConfig(env: NodeJS.ProcessEnv = process.env): OrderIngestBenchConfig {
  return {
    orders: positiveIntFromEnv('BENCH_ORDER_INGEST_ORDERS', 20_000, env),
    warmupOrders: positiveIntFromEnv('BENCH_ORDER_INGEST_WARMUP', 2_000, env),
    latencySeconds: positiveIntFromEnv('BENCH_ORDER_INGEST_LATENCY_SECONDS', 15, env),
    backboneRuns: positiveIntFromEnv('BENCH_RUNS', 1, env),
    instances: positiveIntFromEnv('BENCH_INSTANCES', 1, env),
  };
}
