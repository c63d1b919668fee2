import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { outboxConfigSchema } from '@crossdock/outbox';

const positiveMs = z.coerce.number().int().positive();
/** Whole days; 0 would delete published events the moment they are published, and ten years is past any audit. */
const retentionDays = z.coerce.number().int().min(1).max(3_650);

/**
 * Everything the availability service reads from its environment, validated once at start-up.
 * Inbound (in-transit) windows are not here: they are per channel account, in the versioned
 * channel rules, because the EDI partner and the web store accept different lead times.
 */
export const availabilityConfigSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...outboxConfigSchema.shape,
  /** Rules file stored in the database at start when its version is new (the highest stored wins). */
  CHANNEL_RULES_PATH: z.string().min(1).default('libs/availability/domain/reference-data/channel-rules.yaml'),
  /** Quiet window per (channel account, SKU): bursts inside it become one trailing publication. */
  AVAILABILITY_COALESCING_WINDOW_MS: positiveMs.default(250),
  /** How often open reservations past their expiresAt (channel TTL) are released. */
  RESERVATION_EXPIRY_SWEEP_MS: positiveMs.default(60_000),
  /**
   * Refuse to reserve against stock figures older than this (STALE_INVENTORY shortage); unset
   * means positions never go stale, which suits connectors that only publish on change.
   */
  RESERVATION_MAX_STOCK_AGE_MS: positiveMs.optional(),
  /** Give up starting when the compacted topics cannot be read to their high-water marks in time. */
  CACHE_REBUILD_TIMEOUT_MS: positiveMs.default(300_000),
  /** Days a published reservation event or shortage stays in the outbox after publication, for support questions. */
  RETENTION_OUTBOX_DAYS: retentionDays.default(7),
  /** How often published outbox events past their keep period are deleted. */
  RETENTION_SWEEP_INTERVAL_MS: positiveMs.default(600_000),
  /**
   * Test-only fault injection for the expiry kill test: SIGKILL this process right after an
   * expiry's transaction committed and before its event was published. Never set in production.
   */
  CROSSDOCK_TEST_CRASH_AFTER_EXPIRY_COMMIT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type AvailabilityConfig = z.infer<typeof availabilityConfigSchema>;
