import { ConnectorModule } from '@crossdock/connectors/runtime';
import { defineService } from '@crossdock/service-kit';
import { wmsConnectorConfigSchema } from './config/wms-connector-config.schema';
import { WMS_FEEDS, wmsFeedsProvider } from './feeds/wms-feeds.provider';
import { PrismaService } from './prisma/prisma.service';

/** The wms-connector: WMS/3PL inventory (allocations, holds, ASNs), read from the WMS's change feed, published to its compacted topic. */
export const WmsConnectorApp = defineService({
  name: 'wms-connector',
  config: wmsConnectorConfigSchema,
  database: PrismaService,
  consumes: false,
  imports: [ConnectorModule.register({ feeds: wmsFeedsProvider, feedNames: WMS_FEEDS, database: PrismaService })],
  apiDocs: {
    title: 'Crossdock wms-connector',
    description: 'Status of the WMS feed (cursor, lag, last error), a full resync on demand, and the source records the connector refused with their reasons.',
  },
});
