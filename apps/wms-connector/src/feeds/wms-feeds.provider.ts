import type { Provider } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { wmsInventoryMapper, type FeedPoller } from '@crossdock/connectors/domain';
import { CONNECTOR_FEEDS, createFeedPoller, SqlFeedStateStore } from '@crossdock/connectors/runtime';
import { APP_CONFIG } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { EventPublisher, KAFKA_PRODUCER } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';

/** The WMS's feeds, in the provider's order. */
export const WMS_FEEDS = ['inventory'] as const;

/** The WMS's inventory feed (allocations, holds, ASNs) -> Topics.wmsInventoryPositions. */
export const wmsFeedsProvider: Provider = {
  provide: CONNECTOR_FEEDS,
  inject: [APP_CONFIG, EventPublisher, KAFKA_PRODUCER, SqlFeedStateStore, OBSERVABILITY_LOGGER],
  useFactory: (config: WmsConnectorConfig, publisher: EventPublisher, producer: Producer, store: SqlFeedStateStore, logger: Logger): FeedPoller[] => [
    createFeedPoller(
      {
        feed: WMS_FEEDS[0],
        contract: Topics.wmsInventoryPositions,
        source: { baseUrl: config.WMS_BASE_URL, feedPath: '/api/inventory', apiKey: config.WMS_API_KEY },
        mapper: wmsInventoryMapper({ sourceSystem: config.WMS_SOURCE_SYSTEM, locations: config.WMS_FACILITY_MAP }),
      },
      { config, publisher, producer, store, logger },
    ),
  ],
};
