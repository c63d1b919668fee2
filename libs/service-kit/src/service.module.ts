import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigModule, loadConfig, type PlatformConfig } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { EventPublisher, MessagingModule } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, ObservabilityModule } from '@crossdock/observability';
import { OutboxRelayModule, type OutboxConfig } from '@crossdock/outbox';
import { RetentionSweeper, type RawExecutor, type SqlPool } from '@crossdock/persistence';
import type { Logger } from 'pino';
import { classifyDatabaseError } from './database.errors';
import { deadLetterTopicName, deadLetterTopicOf } from './dead-letter-topic';
import type { Env, ServiceDefinition } from './service.definition';

/**
 * The service's root module: config validated once (every bad variable named together), then
 * telemetry-aware logs, metrics and health, messaging (its producer, and its consumer with the
 * dead-letter topic the catalog gives the service's name), its database, then its own modules.
 * SERVICE_NAME defaults to the definition's name, so the name is written once.
 */
export function serviceModule<C extends PlatformConfig>(definition: ServiceDefinition<C>, env: Env): DynamicModule {
  const serviceEnv = { SERVICE_NAME: definition.name, ...env };
  const config = loadConfig(definition.config, serviceEnv);
  const deadLetterTopic = deadLetterTopicOf(definition.name);
  if (definition.consumes && !deadLetterTopic) {
    throw new Error(`${definition.name} consumes topics, so schemas/catalog.yaml must declare its dead-letter topic ${deadLetterTopicName(definition.name)}`);
  }
  const features = typeof definition.imports === 'function' ? definition.imports(config, serviceEnv) : definition.imports;

  @Module({})
  class ServiceRootModule {}
  return {
    module: ServiceRootModule,
    imports: [
      ConfigModule.forConfig(config),
      ObservabilityModule.forRoot({ serviceName: definition.name, env: serviceEnv }),
      MessagingModule.forRoot({
        contracts: Topics,
        deadLetterTopic,
        classifyError: classifyDatabaseError,
        ...(definition.partitionsConsumedConcurrently ? { partitionsConsumedConcurrently: definition.partitionsConsumedConcurrently } : {}),
      }),
      ...(definition.database ? [databaseModule(definition.database)] : []),
      ...(definition.outbox ? [outboxModule(definition, config)] : []),
      ...(definition.retention ? [retentionModule(definition, config)] : []),
      ...features,
    ],
  };
}

/** The service's relay: its database's pool, the shared publisher, and the poll interval of its config. */
function outboxModule<C extends PlatformConfig>(definition: ServiceDefinition<C>, config: C): DynamicModule {
  const { database, outbox, name } = definition;
  const pollMs = (config as Partial<OutboxConfig>).OUTBOX_POLL_MS;
  if (!database || !outbox || pollMs === undefined) {
    throw new Error(`${name} declares an outbox, so it needs a database and outboxConfigSchema in its config schema`);
  }
  return OutboxRelayModule.forRootAsync({
    inject: [database, EventPublisher, OBSERVABILITY_LOGGER],
    useFactory: (db: { sql: SqlPool }, publisher: EventPublisher, logger: Logger) => ({
      db: db.sql,
      publisher,
      catalog: outbox,
      pollMs,
      logger,
      spanName: `${name} outbox relay`,
    }),
  });
}

/** The service's RetentionSweeper: its database, the rules its config gives, every RETENTION_SWEEP_INTERVAL_MS. */
function retentionModule<C extends PlatformConfig>(definition: ServiceDefinition<C>, config: C): DynamicModule {
  const { database, retention, name } = definition;
  const intervalMs = (config as Partial<{ RETENTION_SWEEP_INTERVAL_MS: number }>).RETENTION_SWEEP_INTERVAL_MS;
  if (!database || !retention || intervalMs === undefined) {
    throw new Error(`${name} declares retention rules, so it needs a database and RETENTION_SWEEP_INTERVAL_MS in its config schema`);
  }
  @Module({})
  class RetentionModule {}
  return {
    module: RetentionModule,
    providers: [
      {
        provide: RetentionSweeper,
        inject: [database, OBSERVABILITY_LOGGER],
        useFactory: (db: RawExecutor, logger: Logger) => new RetentionSweeper({ db, rules: retention(config), intervalMs, logger }),
      },
    ],
  };
}

function databaseModule(provider: Provider & (new (...args: never[]) => unknown)): DynamicModule {
  @Module({})
  class ServiceDatabaseModule {}
  return { module: ServiceDatabaseModule, global: true, providers: [provider], exports: [provider] };
}
