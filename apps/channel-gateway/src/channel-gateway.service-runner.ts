import { Module, type INestApplication } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { bootstrapService, type RunningService } from '@crossdock/messaging';
import { AppModule } from './app.module';
import type { ChannelGatewayConfig } from './config/channel-gateway-config.schema';
import { captureRawBody } from './shopify/raw-body.middleware';

export interface StartOptions {
  readonly env?: Record<string, string | undefined>;
  readonly port: number;
  readonly handleSignals?: boolean;
}

/**
 * Starts the gateway the one way main.ts, the integration tests and the demo use. It consumes no
 * topic yet, so no Kafka consumer: HTTP, the producer and the poll loops.
 */
export async function startChannelGateway({ env = process.env, port, handleSignals = true }: StartOptions): Promise<RunningService> {
  @Module({ imports: [AppModule.register(env)] })
  class ChannelGatewayRootModule {}
  return bootstrapService(ChannelGatewayRootModule, { port, handleSignals, consumes: false, beforeListen: keepWebhookBodiesRaw });
}

/** Before listen, hence before Nest installs its JSON parser: webhook signatures need the raw bytes. */
function keepWebhookBodiesRaw(app: INestApplication): void {
  const config = app.get<ChannelGatewayConfig>(APP_CONFIG);
  app.use('/webhooks', captureRawBody(config.WEBHOOK_MAX_BODY_BYTES));
}
