import { positiveIntFromEnv } from '../lib/env';

/** Knobs of `bench:shipment-events` (issue 16 targets in the report). */
export interface ShipmentEventsBenchConfig {
  /** Whole runs (backbone round + service in a fresh namespace and database each); the report shows medians. */
  readonly runs: number;
  /** Orders whose package gets its carrier updates during warm-up (3 milestones each). */
  readonly warmupOrders: number;
  /** Sustained run: accepted orders whose WMS ship fact arrives (1 milestone each)... */
  readonly shipOrders: number;
  /** ...alongside shipped packages whose carrier updates arrive (in transit, out for delivery, delivered: 3 each). */
  readonly trackedOrders: number;
  /** Shipped packages the half-load run sends carrier updates for, up to 4 each. */
  readonly latencyPackages: number;
  readonly latencySeconds: number;
}

export function shipmentEventsBenchConfig(env: NodeJS.ProcessEnv = process.env): ShipmentEventsBenchConfig {
  return {
    runs: positiveIntFromEnv('BENCH_RUNS', 3, env),
    warmupOrders: positiveIntFromEnv('BENCH_SHIPMENT_EVENTS_WARMUP', 100, env),
    shipOrders: positiveIntFromEnv('BENCH_SHIPMENT_EVENTS_SHIP_ORDERS', 600, env),
    trackedOrders: positiveIntFromEnv('BENCH_SHIPMENT_EVENTS_TRACKED_ORDERS', 200, env),
    latencyPackages: positiveIntFromEnv('BENCH_SHIPMENT_EVENTS_LATENCY_PACKAGES', 300, env),
    latencySeconds: positiveIntFromEnv('BENCH_SHIPMENT_EVENTS_LATENCY_SECONDS', 15, env),
  };
}
