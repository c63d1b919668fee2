import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG } from '@crossdock/config';
import { PrismaClient } from '../generated/prisma/client';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';

/**
 * The gateway's database through the pg driver adapter. Disconnected on application shutdown,
 * which Nest runs after the poll loops stopped (before-shutdown hook), so no cursor save is cut off.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  private connected: Promise<void> | undefined;

  constructor(@Inject(APP_CONFIG) config: ChannelGatewayConfig) {
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
