import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { connectorPollSettingsSchema, locationMapSchema } from '@crossdock/connectors/runtime';

/** Everything wms-connector reads from its environment, validated once at start-up. */
export const wmsConnectorConfigSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...connectorPollSettingsSchema.shape,
  /** The WMS's API root; feed at /api/inventory. */
  WMS_BASE_URL: z.url({ message: 'must be an absolute URL' }),
  WMS_API_KEY: z.string().min(1).optional(),
  /** InventoryPosition.sourceSystem, e.g. 'manhattan-dc1' or '3pl-shipbob'. */
  WMS_SOURCE_SYSTEM: z.string().min(1).default('wms'),
  /** WMS facility id -> hub location: `RNO1=DC-RENO:WAREHOUSE,DAL3=3PL-DALLAS:THIRD_PARTY_LOGISTICS`. */
  WMS_FACILITY_MAP: locationMapSchema,
});

export type WmsConnectorConfig = z.infer<typeof wmsConnectorConfigSchema>;
