import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { erpAdapterConfigSchema, erpDrainConfigSchema } from '@crossdock/erp/client';
import { outboxConfigSchema } from '@crossdock/outbox';

const positiveInt = z.coerce.number().int().positive();
/** Whole days; 0 would delete published events the moment they are published, and ten years is past any audit. */
const retentionDays = z.coerce.number().int().min(1).max(3_650);

/** Settings of shipment-events itself; the ERP adapter's own variables come from `erpAdapterConfigSchema`. */
export const shipmentEventsSettingsSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...outboxConfigSchema.shape,
  /**
   * The ERP confirmation drainer: this service's share of the ERP's API quota for ship confirmations
   * (order-ingest's submissions take theirs from the same ERP), calls in flight, backoff, poll.
   */
  ...erpDrainConfigSchema({ ratePerSecond: 20, burst: 5, maxInFlight: 4 }).shape,
  /**
   * How long a fact may wait for its order's acceptance (or a tracking update for its package)
   * before it becomes an UNKNOWN_ORDER / UNKNOWN_TRACKING_NUMBER exception.
   */
  SHIPMENT_UNKNOWN_ORDER_GRACE_MS: positiveInt.default(3_600_000),
  /** How often waiting facts are tried again and those past the grace period turned into exceptions. */
  SHIPMENT_WAITING_SWEEP_MS: positiveInt.default(5_000),
  /** How often the open-exception and ERP-confirmation-queue gauges are read from the database. */
  SHIPMENT_METRICS_REFRESH_MS: positiveInt.default(5_000),
  /** Days a published event stays in the outbox after publication, for support questions. */
  RETENTION_OUTBOX_DAYS: retentionDays.default(7),
  /** How often published outbox events past their keep period are deleted. */
  RETENTION_SWEEP_INTERVAL_MS: positiveInt.default(600_000),
});

/**
 * The ERP ship confirmations are posted to (`ERP_ADAPTER=rest|flat-file` and its variables). Without one
 * (unset or `none`) the service still ships: confirmations are queued and wait, visible in the queue's
 * depth and oldest-age gauges, until the service runs with an ERP configured.
 */
const erpAdapterOrNone = z.discriminatedUnion('ERP_ADAPTER', [erpAdapterConfigSchema, z.object({ ERP_ADAPTER: z.literal('none').optional() })]);

/** Everything shipment-events reads from its environment, validated once at start-up. */
export const shipmentEventsConfigSchema = shipmentEventsSettingsSchema.and(erpAdapterOrNone);

export type ShipmentEventsConfig = z.infer<typeof shipmentEventsConfigSchema>;
