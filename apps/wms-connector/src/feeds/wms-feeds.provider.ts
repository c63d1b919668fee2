import type { Provider } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { wmsInventoryMapper, wmsShipmentMapper, type FeedPoller } from '@crossdock/connectors/domain';
import { CONNECTOR_FEEDS, createFeedPoller, SqlFeedStateStore } from '@crossdock/connectors/runtime';
import { APP_CONFIG } from '@crossdock/config';
import { messageKey, Topics } from '@crossdock/contracts';
import { EventPublisher, KAFKA_PRODUCER } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';

/** The WMS's feeds, in the provider's order. */
export const WMS_FEEDS = ['inventory', 'shipments'] as const;

/**
 * The WMS's inventory feed (allocations, holds, ASNs) -> Topics.wmsInventoryPositions, and its
 * shipment-events feed (pick, pack, ship confirmations) -> Topics.wmsShipments, keyed by order.
 */
export const wmsFeedsProvider: Provider = {
  provide: CONNECTOR_FEEDS,
  inject: [APP_CONFIG, EventPublisher, KAFKA_PRODUCER, SqlFeedStateStore, OBSERVABILITY_LOGGER],
  useFactory: (config: WmsConnectorConfig, publisher: EventPublisher, producer: Producer, store: SqlFeedStateStore, logger: Logger): FeedPoller[] => {
    const deps = { config, publisher, producer, store, logger };
    const source = (feedPath: string) => ({ baseUrl: config.WMS_BASE_URL, feedPath, apiKey: config.WMS_API_KEY });
    return [
      createFeedPoller(
        {
          feed: WMS_FEEDS[0],
          contract: Topics.wmsInventoryPositions,
          source: source('/api/inventory'),
          mapper: wmsInventoryMapper({ sourceSystem: config.WMS_SOURCE_SYSTEM, locations: config.WMS_FACILITY_MAP }),
        },
        deps,
      ),
      createFeedPoller(
        {
          feed: WMS_FEEDS[1],
          contract: Topics.wmsShipments,
          source: source('/api/shipment-events'),
          mapper: wmsShipmentMapper({ sourceSystem: config.WMS_SOURCE_SYSTEM, locations: config.WMS_FACILITY_MAP }),
          publishKey: (shipment) => messageKey(Topics.wmsShipments, shipment),
        },
        deps,
      ),
    ];
  },
};
