import { Module } from '@nestjs/common';
import { bootstrapService, type RunningService } from '@crossdock/messaging';
import { setupApiDocs } from './api-docs';
import { AppModule } from './app.module';

export interface StartOptions {
  readonly env?: Record<string, string | undefined>;
  readonly port: number;
  readonly handleSignals?: boolean;
}

/**
 * Starts the service the one way main.ts, the integration tests and the benchmark use: HTTP up at
 * once (so /health/ready can say 503 during warm-up), the order consumer waiting for the warm-up.
 */
export async function startOrderIngest({ env = process.env, port, handleSignals = true }: StartOptions): Promise<RunningService> {
  @Module({ imports: [AppModule.register(env)] })
  class OrderIngestRootModule {}
  return bootstrapService(OrderIngestRootModule, { port, handleSignals, beforeListen: setupApiDocs });
}
