import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { currentTelemetry, PinoNestLogger } from '@crossdock/observability';
import { KafkaTransportFactory } from './messaging.module';
import type { KafkaAvroTransport } from '../consuming/kafka-avro.transport';

export interface RunningService {
  readonly app: INestApplication;
  readonly transport: KafkaAvroTransport | undefined;
  /** Stops consuming (the message in hand finishes), then closes the app and its connections. */
  stop(): Promise<void>;
}

/**
 * Starts a Crossdock service: Nest app with the structured logger, the Kafka consumer transport
 * when the service consumes, HTTP on `port`, and an orderly shutdown on SIGTERM/SIGINT.
 * Telemetry must already be started (first line of main.ts) so instrumentation patches modules.
 */
export async function bootstrapService(
  module: Type<unknown>,
  {
    port,
    consumes = true,
    handleSignals = true,
    beforeListen,
  }: {
    port: number;
    consumes?: boolean;
    handleSignals?: boolean;
    /** HTTP setup that must precede listen (e.g. OpenAPI routes): Nest's 404 handler is installed at listen. */
    beforeListen?: (app: INestApplication) => void | Promise<void>;
  },
): Promise<RunningService> {
  const app = await NestFactory.create(module, { bufferLogs: true });
  app.useLogger(app.get(PinoNestLogger));
  const transport = consumes ? app.get(KafkaTransportFactory).create() : undefined;
  if (transport) app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await beforeListen?.(app);
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
  if (handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void stop().then(() => process.exit(0)));
  }
  return { app, transport, stop };
}
