import type { INestApplication } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { captureRawBody, defineService } from '@crossdock/service-kit';
import { AmazonModule } from './amazon/amazon.module';
import { loadChannelAccounts } from './config/channel-accounts';
import { channelGatewayConfigSchema, type ChannelGatewayConfig } from './config/channel-gateway-config.schema';
import { EdiModule } from './edi/edi.module';
import { GatewayCoreModule } from './gateway-core.module';
import { PrismaService } from './prisma/prisma.service';
import { ShopifyModule } from './shopify/shopify.module';

/**
 * channel-gateway: the I/O around the pure channel adapters. Shopify webhooks over HTTP, the Amazon
 * SP-API poller, the EDI drop folder; all publish to the channel-orders topic, its only writer. The
 * channel account mappings are validated with the config, before Nest builds anything, so a bad
 * mapping or a missing secret stops start-up with every problem named.
 */
export const ChannelGatewayApp = defineService({
  name: 'channel-gateway',
  config: channelGatewayConfigSchema,
  database: PrismaService,
  consumes: false,
  imports: (config, env) => [GatewayCoreModule.register(loadChannelAccounts(config, env)), ShopifyModule, AmazonModule, EdiModule],
  apiDocs: {
    title: 'Crossdock channel-gateway',
    description:
      'Channel ingress: Shopify webhooks (HMAC-verified), and the rejections of every channel (webhooks, Amazon polls, EDI files) with their reasons.',
  },
  // Before Nest installs its JSON parser: webhook signatures need the raw bytes.
  beforeListen: (app: INestApplication) => {
    app.use('/webhooks', captureRawBody(app.get<ChannelGatewayConfig>(APP_CONFIG).WEBHOOK_MAX_BODY_BYTES));
  },
});
