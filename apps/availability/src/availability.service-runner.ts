import { Module, type INestApplication } from '@nestjs/common';
import { bootstrapService, type RunningService } from '@crossdock/messaging';
import { setupApiDocs } from './api-docs.setup';
import { AppModule } from './app.module';
import { AvailabilityQueryService } from './query/availability-query.service';
import { availabilityReadPath } from './query/availability-read.path';

export interface StartOptions {
  readonly env?: Record<string, string | undefined>;
  readonly port: number;
  readonly handleSignals?: boolean;
}

/**
 * Starts the service the one way both main.ts and the integration tests use: HTTP up at once
 * (so /health/ready can say 503 while the cache rebuilds), Kafka consumers behind the rebuild.
 */
export async function startAvailability({ env = process.env, port, handleSignals = true }: StartOptions): Promise<RunningService> {
  @Module({ imports: [AppModule.register(env)] })
  class AvailabilityRootModule {}
  return bootstrapService(AvailabilityRootModule, { port, handleSignals, beforeListen: setUpHttp });
}

// Before listen, so the lean read path sits in front of the routes Nest installs at init.
function setUpHttp(app: INestApplication): void {
  app.use(availabilityReadPath(app.get(AvailabilityQueryService)));
  setupApiDocs(app);
}
