import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { pgClientOptions, PrismaLifecycle } from '@crossdock/persistence';
import { PrismaClient } from '../generated/prisma/client';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';

/**
 * The service's database through the pg driver adapter. Connected before anything consumes;
 * disconnected on application shutdown, which Nest runs after the Kafka transport has finished
 * the message in hand and the drainer has stopped, so no order transaction is cut off.
 */
@Injectable()
export class PrismaService extends PrismaLifecycle(PrismaClient) {
  constructor(@Inject(APP_CONFIG) config: OrderIngestConfig) {
    super(pgClientOptions(config.DATABASE_URL));
  }
}
