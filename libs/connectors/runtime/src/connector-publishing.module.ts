import { Global, Inject, Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { APP_CONFIG, type PlatformConfig } from '@crossdock/config';
import { AvroSerde, createIdempotentProducer, createKafka, EventPublisher, createSchemaRegistry } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { CONNECTOR_PRODUCER } from './connector.tokens';

/** Connects the producer before anything polls; disconnects it after the pollers stopped (shutdown hook order). */
@Injectable()
class ProducerLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(CONNECTOR_PRODUCER) private readonly producer: Producer) {}

  onModuleInit(): Promise<void> {
    return this.producer.connect();
  }

  onApplicationShutdown(): Promise<void> {
    return this.producer.disconnect();
  }
}

/**
 * The producing half of the platform's messaging for services that consume nothing.
 * MessagingModule.forRoot wants a dead-letter topic, and the catalog rightly has none for the
 * connectors; this builds the same idempotent producer, serde and EventPublisher from
 * @crossdock/messaging's parts, without a consumer transport.
 */
@Global()
@Module({
  providers: [
    {
      provide: CONNECTOR_PRODUCER,
      inject: [APP_CONFIG, OBSERVABILITY_LOGGER],
      useFactory: (config: PlatformConfig, logger: Logger) =>
        createIdempotentProducer(createKafka(config.SERVICE_NAME, config.KAFKA_BROKERS, logger.child({ component: 'kafkajs' }))),
    },
    {
      provide: EventPublisher,
      inject: [CONNECTOR_PRODUCER, APP_CONFIG],
      useFactory: (producer: Producer, config: PlatformConfig) =>
        new EventPublisher(producer, new AvroSerde(createSchemaRegistry(config.SCHEMA_REGISTRY_URL), config.TOPIC_NAMESPACE), config.TOPIC_NAMESPACE, config.SERVICE_NAME),
    },
    ProducerLifecycle,
  ],
  exports: [CONNECTOR_PRODUCER, EventPublisher],
})
export class ConnectorPublishingModule {}
