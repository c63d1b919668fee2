import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { pgConnection, PrismaLifecycle, type SqlPool } from '@crossdock/persistence';
import { PrismaClient } from '../generated/prisma/client';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';

/**
 * The service's database through the pg driver adapter. Connected before anything consumes;
 * disconnected on application shutdown, which Nest runs after the Kafka transport has finished
 * the message in hand and the drainer has stopped, so no order transaction is cut off.
 */
@Injectable()
export class PrismaService extends PrismaLifecycle(PrismaClient) {
  /** The same connections without Prisma's client, for the statements that run per order under load. */
  readonly sql: SqlPool;

  constructor(@Inject(APP_CONFIG) config: OrderIngestConfig) {
    const connection = pgConnection(config.DATABASE_URL);
    super({ adapter: connection.adapter });
    this.sql = connection.sql;
  }
}
