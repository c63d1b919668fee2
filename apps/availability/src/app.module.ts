import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { MessagingModule } from '@crossdock/messaging';
import { ObservabilityModule } from '@crossdock/observability';
import { availabilityConfigSchema } from './config/availability-config.schema';
import { PositionsModule } from './positions/positions.module';
import { PrismaModule } from './prisma/prisma.module';
import { QueryModule } from './query/query.module';
import { ReservationsModule } from './reservations/reservations.module';

/**
 * The availability service. `register(env)` validates the environment once; tests pass their own
 * (topic namespace, throw-away database) instead of mutating process.env.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(availabilityConfigSchema, env),
        ObservabilityModule.forRoot({ serviceName: 'availability', env }),
        MessagingModule.forRoot({ contracts: Topics, deadLetterTopic: Topics.availabilityDeadLetters }),
        PrismaModule,
        PositionsModule,
        ReservationsModule,
        QueryModule,
      ],
    };
  }
}
