import { loadConfig, platformConfigSchema } from '@crossdock/config';
import { DynamicModule, Module } from '@nestjs/common';
import type { LevelWithSilent, Logger } from 'pino';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness.registry';
import { createLogger } from './logging/logger.factory';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { processMetrics } from './metrics/metric.helpers';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsRegistry } from './metrics/metrics.registry';
import { OBSERVABILITY_LOGGER, OBSERVABILITY_SERVICE_NAME } from './observability.tokens';

export interface ObservabilityModuleOptions {
  serviceName: string;
  /** Defaults to LOG_LEVEL in `env`, then info. */
  level?: LevelWithSilent;
  /** The environment the service validates its config from; tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Tests inject their own logger to capture lines; services leave it out. */
  logger?: Logger;
  /** Tests pass a fresh registry so metrics do not leak between test apps. */
  metrics?: MetricsRegistry;
}

/**
 * Logger, metrics and health endpoints for a service. Global, so any module can inject the
 * logger (OBSERVABILITY_LOGGER), MetricsRegistry and ReadinessRegistry without importing it.
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    const logger = options.logger ?? createLogger({ serviceName: options.serviceName, level: options.level ?? levelFromEnv(options.env ?? process.env) });
    const metrics = options.metrics ?? processMetrics();
    metrics.setServiceName(options.serviceName);
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [MetricsController, HealthController],
      providers: [
        { provide: OBSERVABILITY_LOGGER, useValue: logger },
        { provide: OBSERVABILITY_SERVICE_NAME, useValue: options.serviceName },
        { provide: MetricsRegistry, useValue: metrics },
        { provide: ReadinessRegistry, useValue: new ReadinessRegistry() },
        PinoNestLogger,
      ],
      exports: [OBSERVABILITY_LOGGER, MetricsRegistry, ReadinessRegistry, PinoNestLogger],
    };
  }
}

// Same validation as the service's own config, so a typo in LOG_LEVEL fails start-up loudly.
function levelFromEnv(env: Record<string, string | undefined>): LevelWithSilent {
  return loadConfig(platformConfigSchema.pick({ LOG_LEVEL: true }), env).LOG_LEVEL;
}
