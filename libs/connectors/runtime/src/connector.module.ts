import { Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { Leadership } from '@crossdock/outbox';
import type { SqlPool } from '@crossdock/persistence';
import { connectorController } from './connector.controller';
import { ConnectorLifecycle, RESYNC_ON_START } from './connector-lifecycle.service';
import { FEED_TURN, REJECTION_LOG } from './connector.tokens';
import { SqlFeedStateStore } from './feed-state.sql-store';

export interface ConnectorModuleOptions {
  /** The connector's feeds (its source systems' change feeds mapped to topics). */
  readonly feeds: Provider;
  /** Their names, in the provider's order: the operations API documents and accepts exactly these. */
  readonly feedNames: readonly string[];
  /** The connector's database provider (the service kit registers it); cursors and rejections are kept through its `sql`. */
  readonly database: Type<{ readonly sql: SqlPool }>;
}

/**
 * The advisory lock of the instance that polls the connector's feeds (each connector has its own
 * database; wms-connector's other roles hold 7_310_101 and 7_310_102, every relay 7_310_001).
 */
export const FEED_POLLER_LOCK_ID = 7_310_401;

/**
 * What every connector shares on top of the service kit: the poll lifecycle, the durable feed
 * cursors and rejection log, and the status/resync/rejections HTTP API. A connector is the kit's
 * definition with this module, its config schema and its feeds.
 */
@Module({})
export class ConnectorModule {
  static register(options: ConnectorModuleOptions): DynamicModule {
    return {
      module: ConnectorModule,
      controllers: [connectorController(options.feedNames)],
      providers: [
        options.feeds,
        { provide: SqlFeedStateStore, inject: [options.database], useFactory: (db: { sql: SqlPool }) => new SqlFeedStateStore(db.sql) },
        { provide: REJECTION_LOG, useExisting: SqlFeedStateStore },
        {
          provide: FEED_TURN,
          inject: [options.database, APP_CONFIG],
          useFactory: (db: { sql: SqlPool }, config: { POLL_INTERVAL_MS: number }) =>
            new Leadership(db.sql, FEED_POLLER_LOCK_ID, { checkEveryMs: Math.max(1_000, config.POLL_INTERVAL_MS * 4) }),
        },
        { provide: RESYNC_ON_START, inject: [APP_CONFIG], useFactory: (config: { RESYNC_ON_START: boolean }) => config.RESYNC_ON_START },
        ConnectorLifecycle,
      ],
    };
  }
}
