import { Module } from '@nestjs/common';
import { bootstrapService, type RunningService } from '@crossdock/messaging';
import { AppModule } from './app.module';

export interface StartOptions {
  readonly env?: Record<string, string | undefined>;
  readonly port: number;
  readonly handleSignals?: boolean;
}

/** Starts the connector the one way main.ts and the integration tests use. It consumes no topic. */
export async function startWmsConnector({ env = process.env, port, handleSignals = true }: StartOptions): Promise<RunningService> {
  @Module({ imports: [AppModule.register(env)] })
  class WmsConnectorRootModule {}
  return bootstrapService(WmsConnectorRootModule, { port, handleSignals, consumes: false });
}
