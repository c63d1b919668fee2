import { Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { RetentionSweeper } from '@crossdock/persistence';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { availabilityRetentionRules } from './availability-retention.rules';

/** Deletes published outbox events once past their keep period (config RETENTION_*). */
@Module({
  providers: [
    {
      provide: RetentionSweeper,
      inject: [PrismaService, APP_CONFIG, OBSERVABILITY_LOGGER],
      useFactory: (prisma: PrismaService, config: AvailabilityConfig, logger: Logger) =>
        new RetentionSweeper({ db: prisma, rules: availabilityRetentionRules(config), intervalMs: config.RETENTION_SWEEP_INTERVAL_MS, logger }),
    },
  ],
})
export class RetentionModule {}
