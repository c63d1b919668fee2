import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG } from '@crossdock/config';
import { PrismaClient } from '../generated/prisma/client';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';

/**
 * The service's database through the pg driver adapter. Connected before anything consumes;
 * disconnected on application shutdown, which Nest runs after the Kafka transport has finished
 * the message in hand and the drainer has stopped, so no order transaction is cut off.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private connected: Promise<void> | undefined;

  constructor(@Inject(APP_CONFIG) config: OrderIngestConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  }

  // Nest's app and its microservice both run init hooks; connecting once is enough.
  onModuleInit(): Promise<void> {
    this.connected ??= this.$connect();
    return this.connected;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
