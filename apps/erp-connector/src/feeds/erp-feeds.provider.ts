import type { Provider } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { erpInvoiceMapper, erpItemMapper, erpStockMapper, type FeedPoller } from '@crossdock/connectors/domain';
import { CONNECTOR_FEEDS, createFeedPoller, SqlFeedStateStore } from '@crossdock/connectors/runtime';
import { APP_CONFIG } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { EventPublisher, KAFKA_PRODUCER } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import type { ErpConnectorConfig } from '../config/erp-connector-config.schema';

/** The ERP's feeds, in the provider's order. */
export const ERP_FEEDS = ['items', 'stock', 'invoices'] as const;

/**
 * The ERP's three feeds: item master -> Topics.itemMaster, stock -> Topics.erpInventoryPositions,
 * billing documents (invoices, credit memos; the ERP is their system of record) -> Topics.erpInvoices.
 */
export const erpFeedsProvider: Provider = {
  provide: CONNECTOR_FEEDS,
  inject: [APP_CONFIG, EventPublisher, KAFKA_PRODUCER, SqlFeedStateStore, OBSERVABILITY_LOGGER],
  useFactory: (config: ErpConnectorConfig, publisher: EventPublisher, producer: Producer, store: SqlFeedStateStore, logger: Logger): FeedPoller[] => {
    const deps = { config, publisher, producer, store, logger };
    const source = (feedPath: string) => ({ baseUrl: config.ERP_BASE_URL, feedPath, apiKey: config.ERP_API_KEY });
    return [
      createFeedPoller(
        { feed: ERP_FEEDS[0], contract: Topics.itemMaster, source: source('/api/items'), mapper: erpItemMapper({ sourceSystem: config.ERP_SOURCE_SYSTEM }) },
        deps,
      ),
      createFeedPoller(
        {
          feed: ERP_FEEDS[1],
          contract: Topics.erpInventoryPositions,
          source: source('/api/stock'),
          mapper: erpStockMapper({ sourceSystem: config.ERP_SOURCE_SYSTEM, locations: config.ERP_WAREHOUSE_MAP }),
        },
        deps,
      ),
      createFeedPoller(
        {
          feed: ERP_FEEDS[2],
          contract: Topics.erpInvoices,
          source: source('/api/invoices'),
          mapper: erpInvoiceMapper({ sourceSystem: config.ERP_SOURCE_SYSTEM }),
        },
        deps,
      ),
    ];
  },
};
