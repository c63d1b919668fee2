import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, loadConfig } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { MessagingModule } from '@crossdock/messaging';
import { ObservabilityModule } from '@crossdock/observability';
import { AmazonModule } from './amazon/amazon.module';
import { loadChannelAccounts } from './config/channel-accounts';
import { channelGatewayConfigSchema } from './config/channel-gateway-config.schema';
import { EdiModule } from './edi/edi.module';
import { GatewayCoreModule } from './gateway-core.module';
import { PrismaModule } from './prisma/prisma.module';
import { ShopifyModule } from './shopify/shopify.module';

/**
 * channel-gateway: the I/O around the pure channel adapters. Shopify webhooks over HTTP, the Amazon
 * SP-API poller, the EDI drop folder; all publish to the channel-orders topic, its only writer.
 * `register(env)` validates the environment and the channel account mappings before Nest builds
 * anything, so a bad variable, mapping or missing secret stops start-up with every problem named.
 * Tests pass their own env instead of mutating process.env.
 */
@Module({})
export class AppModule {
  static register(env: Record<string, string | undefined> = process.env): DynamicModule {
    const accounts = loadChannelAccounts(loadConfig(channelGatewayConfigSchema, env), env);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(channelGatewayConfigSchema, env),
        ObservabilityModule.forRoot({ serviceName: 'channel-gateway', env }),
        MessagingModule.forRoot({ contracts: Topics, deadLetterTopic: Topics.channelGatewayDeadLetters }),
        PrismaModule,
        GatewayCoreModule.register(accounts),
        ShopifyModule,
        AmazonModule,
        EdiModule,
      ],
    };
  }
}
