import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG } from '@crossdock/config';
import { PrismaClient } from '../generated/prisma/client';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';

/** The connector's database; disconnected on application shutdown, after the pollers stopped. */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private connected: Promise<void> | undefined;

  constructor(@Inject(APP_CONFIG) config: WmsConnectorConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  }

  onModuleInit(): Promise<void> {
    this.connected ??= this.$connect();
    return this.connected;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
