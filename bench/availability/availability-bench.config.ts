import { nonNegativeIntFromEnv, positiveIntFromEnv } from '../lib/env';

/** Knobs of `bench:availability` (issue 4 targets as defaults). */
export interface AvailabilityBenchConfig {
  /** SKU-locations seeded on the ERP position topic (3 locations per SKU). */
  readonly positions: number;
  readonly updateRatePerSec: number;
  readonly updateSeconds: number;
  /** Updates at the same rate before the measured ones, reported apart (the JIT warming the live path). */
  readonly updateWarmupSeconds: number;
  readonly queryRatePerSec: number;
  readonly querySeconds: number;
  readonly queryWarmupSeconds: number;
  /** Backbone rounds interleaved before the service measurements (each takes a minute or two). */
  readonly backboneRuns: number;
  /** BENCH_AVAILABILITY_SKIP_BACKBONE=1: no baseline (ratios NaN), for quick iterations on the service only. */
  readonly skipBackbone: boolean;
}

export function availabilityBenchConfig(env: NodeJS.ProcessEnv = process.env): AvailabilityBenchConfig {
  return {
    positions: positiveIntFromEnv('BENCH_AVAILABILITY_POSITIONS', 1_000_000, env),
    updateRatePerSec: positiveIntFromEnv('BENCH_AVAILABILITY_UPDATE_RATE', 5_000, env),
    updateSeconds: positiveIntFromEnv('BENCH_AVAILABILITY_UPDATE_SECONDS', 10, env),
    updateWarmupSeconds: nonNegativeIntFromEnv('BENCH_AVAILABILITY_UPDATE_WARMUP_SECONDS', 5, env),
    queryRatePerSec: positiveIntFromEnv('BENCH_AVAILABILITY_QUERY_RATE', 2_000, env),
    querySeconds: positiveIntFromEnv('BENCH_AVAILABILITY_QUERY_SECONDS', 10, env),
    queryWarmupSeconds: positiveIntFromEnv('BENCH_AVAILABILITY_QUERY_WARMUP_SECONDS', 3, env),
    backboneRuns: positiveIntFromEnv('BENCH_RUNS', 1, env),
    skipBackbone: env['BENCH_AVAILABILITY_SKIP_BACKBONE'] === '1',
  };
}
