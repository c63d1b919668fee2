import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, platformConfigSchema, type PlatformConfig } from '@crossdock/config';
import { KafkaTransportFactory, type KafkaAvroTransport } from '@crossdock/messaging';
import { currentTelemetry, PinoNestLogger } from '@crossdock/observability';
import { setupApiDocs } from './api-docs.setup';
import { rejectUndeclaredMethods } from './method-not-allowed';
import type { Env, ServiceDefinition } from './service.definition';
import { serviceModule } from './service.module';

export interface RunningService {
  readonly app: INestApplication;
  readonly transport: KafkaAvroTransport | undefined;
  /** Stops consuming (the message in hand finishes), then closes the app and its connections. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The environment the service validates; tests pass their own instead of mutating process.env. */
  readonly env?: Env;
  /** Defaults to HTTP_PORT; 0 picks a free port (tests). */
  readonly port?: number;
  /** SIGTERM/SIGINT stop the service and exit; tests that run several services in one process turn it off. */
  readonly handleSignals?: boolean;
}

/**
 * Starts a service the one way main.ts, the integration tests and the benchmarks use: the Nest app
 * with the structured logger, the Kafka consumer when the service consumes, its HTTP set-up and the
 * OpenAPI document before listen (Nest installs its 404 handler at listen), HTTP up at once so
 * /health/ready can answer 503 during warm-up, and an orderly shutdown.
 */
export async function startService<C extends PlatformConfig>(definition: ServiceDefinition<C>, options: StartOptions = {}): Promise<RunningService> {
  const env = options.env ?? process.env;
  const { HTTP_PORT, SHUTDOWN_TIMEOUT_MS } = loadConfig(platformConfigSchema.pick({ HTTP_PORT: true, SHUTDOWN_TIMEOUT_MS: true }), env);
  const port = options.port ?? HTTP_PORT;
  const app = await NestFactory.create(serviceModule(definition, env), { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  const transport = definition.consumes ? app.get(KafkaTransportFactory).create() : undefined;
  if (transport) app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await definition.beforeListen?.(app);
  rejectUndeclaredMethods(app, setupApiDocs(app, definition.apiDocs));
  await app.listen(port);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      // Consumers first: while they finish the message in hand, databases and producers stay up.
      await transport?.close();
      await app.close();
      // Last, so spans of the final messages and of shutdown itself still reach the collector.
      await currentTelemetry()?.shutdown();
    })();
    return stopping;
  };
  if (options.handleSignals ?? true) {
    const logger = app.get(PinoNestLogger);
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        setTimeout(() => {
          logger.error(`shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS} ms (SHUTDOWN_TIMEOUT_MS); exiting without it`, 'ServiceRunner');
          process.exit(1);
        }, SHUTDOWN_TIMEOUT_MS).unref();
        void stop().then(() => process.exit(0));
      });
    }
  }
  return { app, transport, stop };
}
