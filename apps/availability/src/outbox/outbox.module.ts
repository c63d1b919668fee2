import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { EventPublisher } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelayModule } from '@crossdock/outbox';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { RESERVATION_EVENT_TOPICS } from './reservation-events.outbox';

/** The platform's outbox relay for availability's reservation events and shortages (`OutboxRelay`, injectable to wake it). */
@Module({
  imports: [
    OutboxRelayModule.forRootAsync({
      inject: [PrismaService, EventPublisher, APP_CONFIG, OBSERVABILITY_LOGGER],
      useFactory: (prisma: PrismaService, publisher: EventPublisher, config: AvailabilityConfig, logger: Logger) => ({
        db: prisma.sql,
        publisher,
        catalog: RESERVATION_EVENT_TOPICS,
        pollMs: config.OUTBOX_POLL_MS,
        logger,
        spanName: 'availability outbox relay',
      }),
    }),
  ],
})
export class OutboxModule {}
