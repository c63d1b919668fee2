import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { outboxConfigSchema } from '@crossdock/outbox';
import { erpAdapterConfigSchema, erpDrainConfigSchema } from '@crossdock/erp/client';

const positiveInt = z.coerce.number().int().positive();
/** Whole days; 0 would delete finished rows the moment they finish, and ten years is past any audit. */
const retentionDays = z.coerce.number().int().min(1).max(3_650);

/** Settings of order-ingest itself; the ERP adapter's own variables come from `erpAdapterConfigSchema`. */
export const orderIngestSettingsSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...outboxConfigSchema.shape,
  /** The ERP drainer: the ERP's quota as order-ingest honours it, calls in flight, backoff, poll. */
  ...erpDrainConfigSchema({ ratePerSecond: 50, burst: 10, maxInFlight: 8 }).shape,
  /** Folder of the versioned reference-data YAML files (one per kind), loaded into the database at start. */
  REFERENCE_DATA_DIR: z.string().min(1).default('libs/order-ingest/domain/reference-data'),
  /**
   * An order still waiting for the ERP after this long is reported HELD (ERP_UNAVAILABLE) once, so
   * the channel and operations learn about the delay; it stays queued and is accepted when the ERP returns.
   */
  ERP_UNAVAILABLE_NOTICE_AFTER_MS: positiveInt.default(900_000),
  /** Give up starting when the item-master and availability topics cannot be read to their ends in time. */
  TABLE_REBUILD_TIMEOUT_MS: positiveInt.default(300_000),
  /** Days a published outcome event stays in the outbox after publication, for support questions. */
  RETENTION_OUTBOX_DAYS: retentionDays.default(7),
  /** Days a finished ERP call (DONE, or PARKED after a permanent refusal) stays in the queue after completion. */
  RETENTION_ERP_QUEUE_DAYS: retentionDays.default(30),
  /** How often finished rows past their keep period are deleted. */
  RETENTION_SWEEP_INTERVAL_MS: positiveInt.default(600_000),
  /**
   * Test-only fault injection for the crash-safety test: SIGKILL this process right after the ERP
   * confirmed a submission and before the confirmation is committed. Never set in production.
   */
  CROSSDOCK_TEST_CRASH_AFTER_ERP_SUBMIT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** Everything order-ingest reads from its environment, validated once at start-up. */
export const orderIngestConfigSchema = orderIngestSettingsSchema.and(erpAdapterConfigSchema);

export type OrderIngestConfig = z.infer<typeof orderIngestConfigSchema>;
