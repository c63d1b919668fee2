import { Module, type DynamicModule } from '@nestjs/common';
import { connectorAppModule } from '@crossdock/connectors/runtime';
import { wmsConnectorConfigSchema } from './config/wms-connector-config.schema';
import { wmsFeedsProvider } from './feeds/wms-feeds.provider';
import { PrismaService } from './prisma/prisma.service';

/**
 * The wms-connector: WMS/3PL inventory (allocations, holds, ASNs), read from the WMS's change
 * feed, published to its compacted topic. `register(env)` validates the environment once;
 * tests pass their own.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return connectorAppModule(
      AppModule,
      { serviceName: 'wms-connector', configSchema: wmsConnectorConfigSchema, feeds: wmsFeedsProvider, prisma: PrismaService },
      env,
    );
  }
}
