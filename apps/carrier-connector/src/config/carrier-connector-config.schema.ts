import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { outboxConfigSchema } from '@crossdock/outbox';

const positiveInt = z.coerce.number().int().positive();
/** Whole days; 0 would delete published events the moment they are published. */
const retentionDays = z.coerce.number().int().min(1).max(3_650);

/**
 * Everything carrier-connector reads from its environment, validated once at start-up. The
 * EasyPost webhook secret is the one configured on the EasyPost Webhook (`webhook_secret`); while
 * it is being rotated, the secrets still in use go in EASYPOST_WEBHOOK_PREVIOUS_SECRETS.
 */
export const carrierConnectorConfigSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...outboxConfigSchema.shape,
  /** The current signing secret of the EasyPost account's webhook. */
  EASYPOST_WEBHOOK_SECRET: z.string().trim().min(1, 'the EasyPost webhook signing secret is required'),
  /** Comma-separated secrets still accepted during a rotation; empty once EasyPost signs with the new one only. */
  EASYPOST_WEBHOOK_PREVIOUS_SECRETS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((secret) => secret.trim())
        .filter((secret) => secret !== ''),
    ),
  /** Webhook bodies above this are refused with 413 before any parsing (a tracker with a long history is a few tens of kB). */
  WEBHOOK_MAX_BODY_BYTES: positiveInt.default(1024 * 1024),
  /** Days a published tracking update stays in the outbox after publication, for support questions. */
  RETENTION_OUTBOX_DAYS: retentionDays.default(7),
  /** How often published outbox events past their keep period are deleted. */
  RETENTION_SWEEP_INTERVAL_MS: positiveInt.default(600_000),
  /** How often the publish lag of newly published updates is read into the metrics. */
  PUBLISH_LAG_SAMPLE_MS: positiveInt.default(1_000),
});

export type CarrierConnectorConfig = z.infer<typeof carrierConnectorConfigSchema>;

/** The secrets a signature may match, the current one first. */
export function easyPostWebhookSecrets(config: Pick<CarrierConnectorConfig, 'EASYPOST_WEBHOOK_SECRET' | 'EASYPOST_WEBHOOK_PREVIOUS_SECRETS'>): string[] {
  return [config.EASYPOST_WEBHOOK_SECRET, ...config.EASYPOST_WEBHOOK_PREVIOUS_SECRETS];
}
