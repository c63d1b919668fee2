import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { EventPublisher } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelayModule } from '@crossdock/outbox';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { OUTCOME_TOPICS } from './outcome-events';

/** The platform's outbox relay for order-ingest's outcome events (`OutboxRelay`, injectable anywhere to wake it). */
@Module({
  imports: [
    OutboxRelayModule.forRootAsync({
      inject: [PrismaService, EventPublisher, APP_CONFIG, OBSERVABILITY_LOGGER],
      useFactory: (prisma: PrismaService, publisher: EventPublisher, config: OrderIngestConfig, logger: Logger) => ({
        db: prisma.sql,
        publisher,
        catalog: OUTCOME_TOPICS,
        pollMs: config.OUTBOX_POLL_MS,
        logger,
        spanName: 'order-ingest outbox relay',
      }),
    }),
  ],
})
export class OutboxModule {}
