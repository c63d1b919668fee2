import type { FactoryProvider } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelay, PublishedEventsFollower, type PublishedEvent } from '@crossdock/outbox';
import type { CarrierConnectorConfig } from '../config/carrier-connector-config.schema';
import { carrierMetrics } from '../metrics/carrier-connector.metrics';
import { PrismaService } from '../prisma/prisma.service';

/** A tracking update's publish lag: accepted (its outbox row written) -> published to Kafka by the relay. */
function observePublishLag(event: PublishedEvent): void {
  carrierMetrics.publishLag.observe(Math.max(0, event.publishedAt.getTime() - event.createdAt.getTime()) / 1000);
}

/**
 * Reads the publish lag of tracking updates into `crossdock_carrier_connector_publish_lag_seconds`
 * every PUBLISH_LAG_SAMPLE_MS, once per update however many instances run (the relay's leader observes).
 */
export const publishLagFollower: FactoryProvider<PublishedEventsFollower> = {
  provide: PublishedEventsFollower,
  inject: [PrismaService, OutboxRelay, APP_CONFIG, OBSERVABILITY_LOGGER],
  useFactory: (prisma: PrismaService, relay: OutboxRelay, config: CarrierConnectorConfig, logger: Logger) =>
    // The payload is not read: the lag is the row's own timestamps.
    new PublishedEventsFollower({
      db: prisma.sql,
      relay,
      payloadFields: [],
      everyMs: config.PUBLISH_LAG_SAMPLE_MS,
      logger,
      name: 'publish lag',
      observe: observePublishLag,
    }),
};
