import { Module, type DynamicModule } from '@nestjs/common';
import { connectorAppModule } from '@crossdock/connectors/runtime';
import { erpConnectorConfigSchema } from './config/erp-connector-config.schema';
import { erpFeedsProvider } from './feeds/erp-feeds.provider';
import { PrismaService } from './prisma/prisma.service';

/**
 * The erp-connector: ERP item master and stock, read from the ERP's change feeds, published to
 * their compacted topics. `register(env)` validates the environment once;
 * tests pass their own.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    return connectorAppModule(
      AppModule,
      { serviceName: 'erp-connector', configSchema: erpConnectorConfigSchema, feeds: erpFeedsProvider, prisma: PrismaService },
      env,
    );
  }
}
