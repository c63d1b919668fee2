import { positiveIntFromEnv } from '../lib/env';

/** Every knob of the backbone benchmark, from the environment (see bench/README.md). */
export interface BackboneConfig {
  readonly runs: number;
  readonly avroIterations: number;
  readonly avroWarmup: number;
  readonly messages: number;
  readonly batchSize: number;
  readonly warmupMessages: number;
  /**
   * Well below what one-event-per-call publishing sustains here (~450–1,600/s: kafkajs' idempotent
   * producer keeps one produce request in flight per broker), so latency measures transport, not a queue.
   */
  readonly latencyRate: number;
  readonly latencySeconds: number;
  readonly perfRecords: number;
  /** Pause between Kafka measurements so one's tail (segment rolls, GC, page-cache writeback) does not land in the next. */
  readonly settleMs: number;
}

export function backboneConfig(env: NodeJS.ProcessEnv = process.env): BackboneConfig {
  return {
    runs: positiveIntFromEnv('BENCH_RUNS', 5, env),
    avroIterations: positiveIntFromEnv('BENCH_AVRO_ITERATIONS', 200_000, env),
    avroWarmup: positiveIntFromEnv('BENCH_AVRO_WARMUP', 20_000, env),
    messages: positiveIntFromEnv('BENCH_MESSAGES', 50_000, env),
    batchSize: positiveIntFromEnv('BENCH_BATCH_SIZE', 500, env),
    warmupMessages: positiveIntFromEnv('BENCH_WARMUP_MESSAGES', 5_000, env),
    latencyRate: positiveIntFromEnv('BENCH_LATENCY_RATE', 200, env),
    latencySeconds: positiveIntFromEnv('BENCH_LATENCY_SECONDS', 10, env),
    perfRecords: positiveIntFromEnv('BENCH_PERF_RECORDS', 500_000, env),
    settleMs: positiveIntFromEnv('BENCH_SETTLE_MS', 1_000, env),
  };
}
