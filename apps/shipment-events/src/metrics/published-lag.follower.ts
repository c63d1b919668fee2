import type { FactoryProvider } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelay, PublishedEventsFollower, type PublishedEvent } from '@crossdock/outbox';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import { SHIPMENT_EVENT_TOPICS } from '../outbox/shipment-events.outbox';
import { PrismaService } from '../prisma/prisma.service';
import { shipmentEventsMetrics } from './shipment-events.metrics';

/** The few fields of a milestone or channel update the lag needs (null when an event lacks one). */
interface LagFields {
  readonly sourceOccurredAt: number | null;
  readonly milestone: string | null;
  readonly source: string | null;
  readonly channel: string | null;
}

/**
 * Milestone lag and shipment update timeliness as the issue defines them: from the source's event
 * time (warehouse or carrier clock, `sourceOccurredAt`) to the moment the relay PUBLISHED the
 * milestone or the channel update.
 */
function observePublishedLag(event: PublishedEvent<LagFields>): void {
  const { sourceOccurredAt, milestone, source, channel } = event.payload;
  if (sourceOccurredAt === null) return;
  const seconds = Math.max(0, event.publishedAt.getTime() - sourceOccurredAt) / 1000;
  if (event.topic === SHIPMENT_EVENT_TOPICS.shipmentMilestones.key) {
    shipmentEventsMetrics.milestoneLag.observe({ milestone: milestone ?? 'UNKNOWN', source: source ?? 'UNKNOWN' }, seconds);
  } else {
    shipmentEventsMetrics.channelUpdateTimeliness.observe({ channel: channel ?? 'UNKNOWN' }, seconds);
  }
}

/**
 * Reads milestone lag and update timeliness from the published outbox rows every
 * SHIPMENT_METRICS_REFRESH_MS, each event once however many instances run (the relay's leader observes).
 */
export const publishedLagFollower: FactoryProvider<PublishedEventsFollower<LagFields>> = {
  provide: PublishedEventsFollower,
  inject: [PrismaService, OutboxRelay, APP_CONFIG, OBSERVABILITY_LOGGER],
  useFactory: (prisma: PrismaService, relay: OutboxRelay, config: ShipmentEventsConfig, logger: Logger) =>
    new PublishedEventsFollower<LagFields>({
      db: prisma.sql,
      relay,
      topics: [SHIPMENT_EVENT_TOPICS.shipmentMilestones.key, SHIPMENT_EVENT_TOPICS.channelShipmentUpdates.key],
      payloadFields: ['sourceOccurredAt', 'milestone', 'source', 'channel'],
      everyMs: config.SHIPMENT_METRICS_REFRESH_MS,
      logger,
      name: 'published lag',
      observe: observePublishedLag,
    }),
};
