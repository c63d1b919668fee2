import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { MessagingModule } from '@crossdock/messaging';
import { ObservabilityModule } from '@crossdock/observability';
import { orderIngestConfigSchema } from './config/order-ingest-config.schema';
import { ErpModule } from './erp/erp.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { OrdersModule } from './orders/orders.module';
import { OutboxModule } from './outbox/outbox.module';
import { PrismaModule } from './prisma/prisma.module';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { RetentionModule } from './retention/retention.module';
import { TablesModule } from './tables/tables.module';

/**
 * The order-ingest service. `register(env)` validates the environment once; tests pass their own
 * (topic namespace, throw-away database, ERP simulator URL) instead of mutating process.env.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(orderIngestConfigSchema, env),
        ObservabilityModule.forRoot({ serviceName: 'order-ingest', env }),
        // Partitions in parallel: their batch transactions overlap their database round trips.
        MessagingModule.forRoot({ contracts: Topics, deadLetterTopic: Topics.orderIngestDeadLetters, partitionsConsumedConcurrently: 3 }),
        PrismaModule,
        ReferenceDataModule,
        TablesModule,
        OutboxModule,
        ErpModule,
        OrdersModule,
        ExceptionsModule,
        RetentionModule,
      ],
    };
  }
}
