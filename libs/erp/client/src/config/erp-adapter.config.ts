import { z } from 'zod';

const positiveMs = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * Which ERP a service talks to and how, from the environment (validate with `loadConfig` from
 * @crossdock/config). Every service that posts to the ERP reads the same variables, so swapping
 * ERPs is this config, nothing else.
 */
export const erpAdapterConfigSchema = z.discriminatedUnion('ERP_ADAPTER', [
  z.object({
    ERP_ADAPTER: z.literal('rest'),
    /** ERP instance name recorded on the facts the hub publishes (OrderAccepted.erpSystem, …). */
    ERP_SYSTEM: z.string().min(1).default('cloud-erp'),
    ERP_REST_BASE_URL: z.url(),
    ERP_REST_API_KEY: z.string().min(1).optional(),
    ERP_REST_TIMEOUT_MS: positiveMs(10_000),
  }),
  z.object({
    ERP_ADAPTER: z.literal('flat-file'),
    ERP_SYSTEM: z.string().min(1).default('legacy-erp'),
    /** Folder the ERP's import job picks its import files (orders, cancels, ship confirmations) up from. */
    ERP_FILE_DROP_DIR: z.string().min(1),
    /** Folder the ERP writes one acknowledgement file per processed file into. */
    ERP_FILE_ACK_DIR: z.string().min(1),
    /** How long to wait for an acknowledgement before treating the ERP as unavailable. */
    ERP_FILE_ACK_TIMEOUT_MS: positiveMs(30_000),
    ERP_FILE_POLL_MS: positiveMs(250),
    /** Suggested wait after a missing acknowledgement (the import job runs on a schedule). */
    ERP_FILE_NO_ACK_RETRY_AFTER_MS: positiveMs(60_000),
  }),
]);

export type ErpAdapterConfig = z.infer<typeof erpAdapterConfigSchema>;
