import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { pgConnection, PrismaLifecycle, type SqlPool } from '@crossdock/persistence';
import { PrismaClient } from '../generated/prisma/client';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';

/** The connector's database; disconnected on application shutdown, after the pollers stopped. */
@Injectable()
export class PrismaService extends PrismaLifecycle(PrismaClient) {
  /** The same connections without Prisma's client: the shared cursor and rejection store (SqlFeedStateStore) runs on it. */
  readonly sql: SqlPool;

  constructor(@Inject(APP_CONFIG) config: WmsConnectorConfig) {
    const connection = pgConnection(config.DATABASE_URL);
    super({ adapter: connection.adapter });
    this.sql = connection.sql;
  }
}
