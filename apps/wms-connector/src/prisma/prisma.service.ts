import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { pgClientOptions, PrismaLifecycle } from '@crossdock/persistence';
import { PrismaClient } from '../generated/prisma/client';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';

/** The connector's database; disconnected on application shutdown, after the pollers stopped. */
@Injectable()
export class PrismaService extends PrismaLifecycle(PrismaClient) {
  constructor(@Inject(APP_CONFIG) config: WmsConnectorConfig) {
    super(pgClientOptions(config.DATABASE_URL));
  }
}
