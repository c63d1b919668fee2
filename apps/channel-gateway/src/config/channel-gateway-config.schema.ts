import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';

const positiveInt = z.coerce.number().int().positive();
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));
const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
  );

/**
 * Everything channel-gateway reads from its environment, validated once at start-up. Channel
 * accounts come from the mapping files; their secrets from per-account variables checked by
 * `loadChannelAccounts` (e.g. SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR). Amazon polling runs when
 * SP_API_ENDPOINT is set, the EDI drop folder when EDI_INBOX_DIR is.
 */
export const channelGatewayConfigSchema = platformConfigSchema
  .extend({
    ...databaseConfigSchema.shape,
    /** Folder of channel account mappings (`<channelAccountId>.json`, see libs/channel-adapters). */
    CHANNEL_MAPPINGS_DIR: z.string().min(1).default('libs/channel-adapters/mappings'),
    /** Accounts to serve, comma-separated; empty = every mapping in the folder. */
    CHANNEL_ACCOUNTS: csv,
    /** Webhook bodies above this are refused with 413 before any parsing. */
    WEBHOOK_MAX_BODY_BYTES: positiveInt.default(5 * 1024 * 1024),
    /**
     * A webhook is answered 200 only once Kafka acknowledged the order; if that takes longer than
     * this, 503 lets the channel retry (Shopify waits 5 s). A late acknowledgement then means one
     * duplicate delivery, which order-ingest suppresses by eventId.
     */
    WEBHOOK_PUBLISH_TIMEOUT_MS: positiveInt.default(4_000),

    SP_API_ENDPOINT: z.url().optional(),
    /** `static`: SP_API_ACCESS_TOKEN as is (simulator, or a token minted by a sidecar). `lwa`: Login with Amazon refresh. */
    SP_API_AUTH: z.enum(['static', 'lwa']).default('static'),
    SP_API_ACCESS_TOKEN: optionalText,
    SP_API_LWA_CLIENT_ID: optionalText,
    SP_API_LWA_CLIENT_SECRET: optionalText,
    SP_API_LWA_REFRESH_TOKEN: optionalText,
    SP_API_LWA_TOKEN_URL: z.url().optional(),
    SP_API_TIMEOUT_MS: positiveInt.default(30_000),
    /** getOrders allows about one call a minute (0.0167/s, burst 20); every poll makes at least one. */
    AMAZON_POLL_INTERVAL_MS: positiveInt.default(120_000),
    AMAZON_BACKOFF_INITIAL_MS: positiveInt.default(5_000),
    AMAZON_BACKOFF_MAX_MS: positiveInt.default(900_000),
    /** Where the very first poll of an account starts, back from start-up time. */
    AMAZON_INITIAL_LOOKBACK_MS: positiveInt.default(24 * 3_600_000),
    /** SP-API refuses LastUpdatedBefore later than now − 2 min; only simulators accept less. */
    AMAZON_SETTLE_MS: z.coerce.number().int().min(0).default(120_000),
    AMAZON_OVERLAP_MS: positiveInt.default(600_000),
    AMAZON_BATCH_SIZE: positiveInt.default(50),

    EDI_INBOX_DIR: optionalText,
    EDI_OUTBOX_DIR: optionalText,
    EDI_PROCESSED_DIR: optionalText,
    EDI_REJECTED_DIR: optionalText,
    EDI_POLL_MS: positiveInt.default(1_000),
  })
  .superRefine((config, ctx) => {
    const require = (name: keyof typeof config, why: string) => {
      if (config[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `required ${why}` });
    };
    if (config.SP_API_ENDPOINT !== undefined) {
      if (config.SP_API_AUTH === 'static') require('SP_API_ACCESS_TOKEN', 'when SP_API_AUTH=static');
      else for (const name of ['SP_API_LWA_CLIENT_ID', 'SP_API_LWA_CLIENT_SECRET', 'SP_API_LWA_REFRESH_TOKEN'] as const) require(name, 'when SP_API_AUTH=lwa');
    }
    if (config.EDI_INBOX_DIR !== undefined) require('EDI_OUTBOX_DIR', 'when EDI_INBOX_DIR is set (997 acknowledgements go there)');
  });

export type ChannelGatewayConfig = z.infer<typeof channelGatewayConfigSchema>;
