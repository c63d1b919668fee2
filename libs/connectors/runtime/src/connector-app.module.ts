import { Global, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import type { z } from 'zod';
import { APP_CONFIG, ConfigModule } from '@crossdock/config';
import { ObservabilityModule } from '@crossdock/observability';
import type { SqlPool } from '@crossdock/persistence';
import { ConnectorController } from './connector.controller';
import { ConnectorLifecycle, RESYNC_ON_START } from './connector-lifecycle.service';
import { ConnectorPublishingModule } from './connector-publishing.module';
import { REJECTION_LOG } from './connector.tokens';
import { SqlFeedStateStore } from './feed-state.sql-store';

export interface ConnectorAppOptions<C extends { RESYNC_ON_START: boolean }> {
  /** SERVICE_NAME, the catalog owner of the topics the connector writes. */
  readonly serviceName: string;
  readonly configSchema: z.ZodType<C>;
  /** The connector's feeds (its source systems' change feeds mapped to topics). */
  readonly feeds: Provider;
  /** The connector's own database (Prisma client and migrations); its cursors and rejections are kept through `sql`. */
  readonly prisma: Type<{ readonly sql: SqlPool }>;
}

/**
 * The wiring every connector shares: config validated once, telemetry, a producer-only messaging
 * setup, its database, the poll lifecycle, and the status/resync/rejections HTTP API. A connector
 * app is this plus its config schema and feeds.
 */
export function connectorAppModule<C extends { RESYNC_ON_START: boolean }>(
  app: Type<unknown>,
  options: ConnectorAppOptions<C>,
  env: Record<string, string | undefined>,
): DynamicModule {
  @Global()
  @Module({
    providers: [options.prisma, { provide: SqlFeedStateStore, inject: [options.prisma], useFactory: (db: { sql: SqlPool }) => new SqlFeedStateStore(db.sql) }],
    exports: [options.prisma, SqlFeedStateStore],
  })
  class ConnectorDatabaseModule {}

  return {
    module: app,
    imports: [
      ConfigModule.forRoot(options.configSchema, env),
      ObservabilityModule.forRoot({ serviceName: options.serviceName, env }),
      ConnectorPublishingModule,
      ConnectorDatabaseModule,
    ],
    controllers: [ConnectorController],
    providers: [
      options.feeds,
      { provide: REJECTION_LOG, useExisting: SqlFeedStateStore },
      { provide: RESYNC_ON_START, inject: [APP_CONFIG], useFactory: (config: C) => config.RESYNC_ON_START },
      ConnectorLifecycle,
    ],
  };
}
