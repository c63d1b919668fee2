import { Inject, Injectable, Module, Optional, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { APP_CONFIG, type PlatformConfig } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { createIdempotentProducer, createKafka } from '../kafka-client.factory';
import { AvroSerde } from '../serde/avro-serde';
import { EventPublisher } from '../publishing/event-publisher';
import { DeadLetterPublisher } from '../publishing/dead-letter.publisher';
import { KafkaAvroTransport } from '../consuming/kafka-avro.transport';
import { prometheusConsumerMetrics } from '../consuming/prometheus-consumer.metrics';
import { defaultRetryPolicy, type RetryPolicy } from '../consuming/retry-policy';
import type { DeadLetter, TopicDefinition } from '@crossdock/contracts';
import { KAFKA_CLIENT, KAFKA_PRODUCER, MESSAGING_OPTIONS, SCHEMA_REGISTRY } from './messaging.tokens';
import { createSchemaRegistry } from '../serde/schema-registry.factory';
import { StartupRebuilds } from '../tables/startup-rebuilds';

export interface MessagingModuleOptions {
  /** The topic registry (`Topics` from @crossdock/contracts): what `@EventPattern` keys resolve to. */
  readonly contracts: Readonly<Record<string, TopicDefinition>>;
  /** This service's dead-letter topic; a service that consumes nothing has none (no consumer transport then). */
  readonly deadLetterTopic?: TopicDefinition<DeadLetter> | undefined;
  /** Defaults to SERVICE_NAME: one consumer group per service. */
  readonly consumerGroup?: string;
  readonly retryPolicy?: RetryPolicy;
  /** How a handler's failure is read before it is judged (see RetryPolicy.classifyError). */
  readonly classifyError?: (error: unknown) => unknown;
  /** Partitions handled at once by this service's consumer (default 1); order within each is kept. */
  readonly partitionsConsumedConcurrently?: number;
}

/** Connects the shared idempotent producer before the app serves, disconnects it after consumers stop. */
@Injectable()
class ProducerLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}

  onModuleInit(): Promise<void> {
    return this.producer.connect();
  }

  // Shutdown (not destroy) hook: Nest stops consumers between the two, and they may still publish.
  onApplicationShutdown(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Builds this service's consumer transport; `bootstrapService` connects it to the Nest app. */
@Injectable()
export class KafkaTransportFactory {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: PlatformConfig,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    private readonly serde: AvroSerde,
    @Optional() private readonly deadLetters?: DeadLetterPublisher,
  ) {}

  create(overrides: { fromBeginning?: boolean; sessionTimeoutMs?: number } = {}): KafkaAvroTransport {
    if (!this.deadLetters) throw new Error(`${this.config.SERVICE_NAME} consumes, so the catalog must give it a dead-letter topic`);
    return new KafkaAvroTransport({
      kafka: this.kafka,
      groupId: `${this.config.TOPIC_NAMESPACE}${this.options.consumerGroup ?? this.config.SERVICE_NAME}`,
      namespace: this.config.TOPIC_NAMESPACE,
      contracts: this.options.contracts,
      serde: this.serde,
      deadLetters: this.deadLetters,
      metrics: prometheusConsumerMetrics(),
      retryPolicy: {
        ...(this.options.retryPolicy ?? defaultRetryPolicy),
        ...(this.options.classifyError ? { classifyError: this.options.classifyError } : {}),
      },
      ...(this.options.partitionsConsumedConcurrently ? { partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently } : {}),
      ...overrides,
    });
  }
}

@Module({})
export class MessagingModule {
  /** Requires ConfigModule (platform config) and ObservabilityModule to be registered by the app. */
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const { deadLetterTopic } = options;
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: KAFKA_CLIENT,
          inject: [APP_CONFIG, OBSERVABILITY_LOGGER],
          useFactory: (config: PlatformConfig, logger: Logger) =>
            createKafka(config.SERVICE_NAME, config.KAFKA_BROKERS, logger.child({ component: 'kafkajs' })),
        },
        {
          provide: SCHEMA_REGISTRY,
          inject: [APP_CONFIG],
          useFactory: (config: PlatformConfig) => createSchemaRegistry(config.SCHEMA_REGISTRY_URL),
        },
        { provide: KAFKA_PRODUCER, inject: [KAFKA_CLIENT], useFactory: createIdempotentProducer },
        {
          provide: AvroSerde,
          inject: [SCHEMA_REGISTRY, APP_CONFIG],
          useFactory: (registry: SchemaRegistry, config: PlatformConfig) => new AvroSerde(registry, config.TOPIC_NAMESPACE),
        },
        {
          provide: EventPublisher,
          inject: [KAFKA_PRODUCER, AvroSerde, APP_CONFIG],
          useFactory: (producer: Producer, serde: AvroSerde, config: PlatformConfig) =>
            new EventPublisher(producer, serde, config.TOPIC_NAMESPACE, config.SERVICE_NAME),
        },
        ...(deadLetterTopic
          ? [
              {
                provide: DeadLetterPublisher,
                inject: [EventPublisher],
                useFactory: (publisher: EventPublisher) => new DeadLetterPublisher(publisher, deadLetterTopic),
              },
            ]
          : []),
        ProducerLifecycle,
        KafkaTransportFactory,
        StartupRebuilds,
      ],
      exports: [
        KAFKA_CLIENT,
        SCHEMA_REGISTRY,
        KAFKA_PRODUCER,
        AvroSerde,
        EventPublisher,
        KafkaTransportFactory,
        StartupRebuilds,
        ...(deadLetterTopic ? [DeadLetterPublisher] : []),
      ],
    };
  }
}
