import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { connectorPollSettingsSchema, locationMapSchema } from '@crossdock/connectors/runtime';

/** Everything erp-connector reads from its environment, validated once at start-up. */
export const erpConnectorConfigSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...connectorPollSettingsSchema.shape,
  /** The ERP's API root; feeds at /api/items, /api/stock and /api/invoices. */
  ERP_BASE_URL: z.url({ message: 'must be an absolute URL' }),
  ERP_API_KEY: z.string().min(1).optional(),
  /** ItemMaster/InventoryPosition/ErpInvoice.sourceSystem, e.g. 'netsuite-prod'. */
  ERP_SOURCE_SYSTEM: z.string().min(1).default('erp'),
  /** ERP warehouse code -> hub location: `01=DC-RENO:WAREHOUSE,90=3PL-DALLAS:THIRD_PARTY_LOGISTICS`. */
  ERP_WAREHOUSE_MAP: locationMapSchema,
});

export type ErpConnectorConfig = z.infer<typeof erpConnectorConfigSchema>;
