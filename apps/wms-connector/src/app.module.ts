import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, ConfigModule } from '@crossdock/config';
import { ConnectorController, ConnectorLifecycle, ConnectorPublishingModule, REJECTION_LOG, RESYNC_ON_START } from '@crossdock/connectors/runtime';
import { ObservabilityModule } from '@crossdock/observability';
import { wmsConnectorConfigSchema, type WmsConnectorConfig } from './config/wms-connector-config.schema';
import { wmsFeedsProvider } from './feeds/wms-feeds.provider';
import { PrismaFeedStateStore } from './prisma/feed-state.store';
import { PrismaService } from './prisma/prisma.service';

@Global()
@Module({ providers: [PrismaService, PrismaFeedStateStore], exports: [PrismaService, PrismaFeedStateStore] })
class PrismaModule {}

/**
 * The wms-connector: WMS/3PL inventory (allocations, holds, ASNs), read from the WMS's change
 * feed, published to its compacted topic. `register(env)` validates the environment once.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(wmsConnectorConfigSchema, env),
        ObservabilityModule.forRoot({ serviceName: 'wms-connector', env }),
        ConnectorPublishingModule,
        PrismaModule,
      ],
      controllers: [ConnectorController],
      providers: [
        wmsFeedsProvider,
        { provide: REJECTION_LOG, useExisting: PrismaFeedStateStore },
        { provide: RESYNC_ON_START, inject: [APP_CONFIG], useFactory: (config: WmsConnectorConfig) => config.RESYNC_ON_START },
        ConnectorLifecycle,
      ],
    };
  }
}
