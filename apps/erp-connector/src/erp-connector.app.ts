import { ConnectorModule } from '@crossdock/connectors/runtime';
import { defineService } from '@crossdock/service-kit';
import { erpConnectorConfigSchema } from './config/erp-connector-config.schema';
import { ERP_FEEDS, erpFeedsProvider } from './feeds/erp-feeds.provider';
import { PrismaService } from './prisma/prisma.service';

/** The erp-connector: ERP item master, stock and billing documents, read from the ERP's change feeds and published to their topics. */
export const ErpConnectorApp = defineService({
  name: 'erp-connector',
  config: erpConnectorConfigSchema,
  database: PrismaService,
  consumes: false,
  imports: [ConnectorModule.register({ feeds: erpFeedsProvider, feedNames: ERP_FEEDS, database: PrismaService })],
  apiDocs: {
    title: 'Crossdock erp-connector',
    description: 'Status of the ERP feeds (cursor, lag, last error), a full resync on demand, and the source records the connector refused with their reasons.',
  },
});
