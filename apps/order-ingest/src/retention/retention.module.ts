import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { RetentionSweeper } from '@crossdock/persistence';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { orderIngestRetentionRules } from './order-ingest-retention.rules';

/** Deletes published outbox events and finished ERP calls once past their keep periods (config RETENTION_*). */
@Module({
  providers: [
    {
      provide: RetentionSweeper,
      inject: [PrismaService, APP_CONFIG, OBSERVABILITY_LOGGER],
      useFactory: (prisma: PrismaService, config: OrderIngestConfig, logger: Logger) =>
        new RetentionSweeper({ db: prisma, rules: orderIngestRetentionRules(config), intervalMs: config.RETENTION_SWEEP_INTERVAL_MS, logger }),
    },
  ],
})
export class RetentionModule {}
