import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, ConfigModule } from '@crossdock/config';
import { ConnectorController, ConnectorLifecycle, ConnectorPublishingModule, REJECTION_LOG, RESYNC_ON_START } from '@crossdock/connectors/runtime';
import { ObservabilityModule } from '@crossdock/observability';
import { erpConnectorConfigSchema, type ErpConnectorConfig } from './config/erp-connector-config.schema';
import { erpFeedsProvider } from './feeds/erp-feeds.provider';
import { PrismaFeedStateStore } from './prisma/feed-state.store';
import { PrismaService } from './prisma/prisma.service';

@Global()
@Module({ providers: [PrismaService, PrismaFeedStateStore], exports: [PrismaService, PrismaFeedStateStore] })
class PrismaModule {}

/**
 * The erp-connector: ERP item master and stock, read from the ERP's change feeds, published to
 * their compacted topics. `register(env)` validates the environment once; tests pass their own.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(erpConnectorConfigSchema, env),
        ObservabilityModule.forRoot({ serviceName: 'erp-connector', env }),
        ConnectorPublishingModule,
        PrismaModule,
      ],
      controllers: [ConnectorController],
      providers: [
        erpFeedsProvider,
        { provide: REJECTION_LOG, useExisting: PrismaFeedStateStore },
        { provide: RESYNC_ON_START, inject: [APP_CONFIG], useFactory: (config: ErpConnectorConfig) => config.RESYNC_ON_START },
        ConnectorLifecycle,
      ],
    };
  }
}
