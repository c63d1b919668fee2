import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { pgClientOptions, PrismaLifecycle } from '@crossdock/persistence';
import { PrismaClient } from '../generated/prisma/client';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';

/**
 * The gateway's database through the pg driver adapter. Disconnected on application shutdown,
 * which Nest runs after the poll loops stopped (before-shutdown hook), so no cursor save is cut off.
 */
@Injectable()
export class PrismaService extends PrismaLifecycle(PrismaClient) {
  constructor(@Inject(APP_CONFIG) config: ChannelGatewayConfig) {
    super(pgClientOptions(config.DATABASE_URL));
  }
}
