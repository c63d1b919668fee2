import { z } from 'zod';
import type { DrainConfig } from '@crossdock/erp/domain';

const positiveInt = z.coerce.number().int().positive();

/** A service's defaults for its share of the ERP's quota; the other settings default alike everywhere. */
export interface ErpDrainDefaults {
  readonly ratePerSecond: number;
  readonly burst: number;
  readonly maxInFlight: number;
}

/**
 * The variables of a leader-locked ERP queue drainer (`ErpQueueDrainer`), for a service's config
 * schema (`...erpDrainConfigSchema(defaults).shape`). Every service that drains a queue into the ERP
 * reads the same names; each sets its own defaults for its share of the ERP's quota.
 */
export function erpDrainConfigSchema(defaults: ErpDrainDefaults) {
  return z.object({
    /** The service's share of the ERP's API quota as it honours it: sustained calls per second, and the burst it tolerates. */
    ERP_RATE_LIMIT_PER_SECOND: positiveInt.default(defaults.ratePerSecond),
    ERP_RATE_LIMIT_BURST: positiveInt.default(defaults.burst),
    /** ERP calls in flight at once (different orders; one order never has two). */
    ERP_MAX_IN_FLIGHT: positiveInt.default(defaults.maxInFlight),
    /** Pause after the first ERP outage/throttle answer, doubling up to the maximum. */
    ERP_BACKOFF_INITIAL_MS: positiveInt.default(500),
    ERP_BACKOFF_MAX_MS: positiveInt.default(60_000),
    /**
     * How often the drainer reads its queue when nothing woke it (entries left by another instance or
     * a crash); its leader lock's connection is checked every four polls, at least every second.
     */
    ERP_DRAIN_POLL_MS: positiveInt.default(500),
  });
}

export type ErpDrainSettings = z.infer<ReturnType<typeof erpDrainConfigSchema>>;

/** The settings as the domain's drain policy (`planDrain`, `recordAttempt`) takes them. */
export function drainConfigOf(settings: ErpDrainSettings): DrainConfig {
  return {
    rateLimit: { capacity: settings.ERP_RATE_LIMIT_BURST, refillPerSecond: settings.ERP_RATE_LIMIT_PER_SECOND },
    maxInFlight: settings.ERP_MAX_IN_FLIGHT,
    backoff: { initialMs: settings.ERP_BACKOFF_INITIAL_MS, factor: 2, maxMs: settings.ERP_BACKOFF_MAX_MS },
  };
}
