import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigModule, loadConfig, type PlatformConfig } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { MessagingModule } from '@crossdock/messaging';
import { ObservabilityModule } from '@crossdock/observability';
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
      ...features,
    ],
  };
}

function databaseModule(provider: Provider & (new (...args: never[]) => unknown)): DynamicModule {
  @Module({})
  class ServiceDatabaseModule {}
  return { module: ServiceDatabaseModule, global: true, providers: [provider], exports: [provider] };
}
