import { ConnectorModule } from '@crossdock/connectors/runtime';
import { Topics } from '@crossdock/contracts';
import { defineService } from '@crossdock/service-kit';
import { wmsConnectorConfigSchema } from './config/wms-connector-config.schema';
import { WMS_FEEDS, wmsFeedsProvider } from './feeds/wms-feeds.provider';
import { PrismaService } from './prisma/prisma.service';
import { RELEASE_OUTCOME_TOPICS } from './releases/release-outcomes.outbox';
import { ReleasesModule } from './releases/releases.module';

/**
 * The wms-connector: the WMS's inventory and shipment confirmations read from its change feeds and
 * published; warehouse releases consumed, sent to the WMS API or a 3PL's mailbox, and answered.
 */
export const WmsConnectorApp = defineService({
  name: 'wms-connector',
  config: wmsConnectorConfigSchema,
  database: PrismaService,
  consumes: true,
  // WarehouseReleaseOutcome, written in the transaction that stores the warehouse's answer; the 3PLs'
  // shipments (945), written in the transaction that records the file.
  outbox: { ...RELEASE_OUTCOME_TOPICS, thirdPartyShipments: Topics.thirdPartyShipments },
  imports: [ConnectorModule.register({ feeds: wmsFeedsProvider, feedNames: WMS_FEEDS, database: PrismaService }), ReleasesModule],
  apiDocs: {
    title: 'Crossdock wms-connector',
    description:
      'Status of the WMS feeds (cursor, lag, last error), a full resync on demand, the source records the connector refused with their reasons, and the warehouse releases with where each stands.',
  },
});
