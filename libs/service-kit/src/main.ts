// The process entry of every service (apps/<service>/src/main.ts calls runService). This file loads
// nothing that telemetry instruments (Nest, express, pg, kafkajs): they load with the service
// definition, after the instrumentation is in place.
import { startTelemetry } from '@crossdock/observability';
import type { PlatformConfig } from '@crossdock/config';
import type { ServiceDefinition } from './service.definition';

/**
 * Starts telemetry, then loads the service's definition and starts it; any start-up failure (a bad
 * environment names every bad variable) ends the process with exit code 1. The span resource's
 * service name is the definition's, resolved once it has loaded, so the name is written only there.
 */
export function runService<C extends PlatformConfig>(load: () => Promise<ServiceDefinition<C>>): void {
  let named: (name: string) => void = () => undefined;
  startTelemetry({ serviceName: new Promise<string>((resolve) => (named = resolve)) });
  void (async () => {
    try {
      const definition = await load();
      named(definition.name);
      const { startService } = await import('./service.runner');
      await startService(definition);
    } catch (error: unknown) {
      named('unknown-service');
      console.error(error);
      process.exit(1);
    }
  })();
}
