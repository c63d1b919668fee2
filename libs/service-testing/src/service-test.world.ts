import type { AddressInfo } from 'node:net';
import type { Kafka, Producer } from 'kafkajs';
import { messageKey, topicsOf, type TopicDefinition } from '@crossdock/contracts';
import {
  applyContracts,
  AvroSerde,
  createIdempotentProducer,
  createKafka,
  EventPublisher,
  KeyHashPartitioner,
  createSchemaRegistry,
} from '@crossdock/messaging';
import type { RunningService } from '@crossdock/service-kit';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, dropTestNamespace, stackEnv, TableTopicRecorder, TopicRecorder, type TestDatabase } from '@crossdock/testing';

export interface ServiceTestWorldOptions {
  /** The service under test, as SERVICE_NAME (e.g. `order-ingest`). */
  readonly service: string;
  /** Topics the test needs, created with their schemas in the test's own namespace; default: the service's, from the catalog (topicsOf). */
  readonly topics?: readonly TopicDefinition[];
  /** The service's `prisma/schema.prisma`: a throw-away database is created and migrated for real. */
  readonly prismaSchema?: string;
}

/**
 * One integration-test file's world on the real stack: its own topic namespace with the contracts
 * applied, its own migrated database, a publisher standing in for the other topics' owners,
 * recorders on topics, and everything removed again at the end. Service harnesses extend it with
 * what their service needs (simulators, fixtures, a start helper).
 */
export class ServiceTestWorld {
  readonly env = stackEnv();
  readonly namespace: string;
  readonly kafka: Kafka;
  readonly serde: AvroSerde;
  /** Publishes as the owners of the service's input topics would (Avro, standard headers). */
  readonly publisher: EventPublisher;
  /** Sends raw bytes (garbage, tombstones) that no well-behaved owner would. */
  readonly rawProducer: Producer;
  database!: TestDatabase;
  private readonly producer: Producer;
  private readonly recorders: Array<{ stop(): Promise<void> }> = [];

  constructor(
    label: string,
    private readonly options: ServiceTestWorldOptions,
  ) {
    this.namespace = createTestNamespace(label);
    this.kafka = createKafka(`${options.service}-test-${label}`, this.env.kafkaBrokers);
    this.serde = new AvroSerde(createSchemaRegistry(this.env.schemaRegistryUrl), this.namespace);
    this.producer = createIdempotentProducer(this.kafka);
    this.rawProducer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: KeyHashPartitioner });
    this.publisher = new EventPublisher(this.producer, this.serde, this.namespace, `${options.service}-test`);
  }

  /** Creates the namespace's topics and the service's database. */
  async setUp(): Promise<void> {
    await applyContracts({
      kafka: this.kafka,
      registry: createSchemaRegistry(this.env.schemaRegistryUrl),
      namespace: this.namespace,
      topics: this.options.topics ?? topicsOf(this.options.service),
      log: { info: () => undefined, warn: () => undefined },
    });
    if (this.options.prismaSchema) {
      this.database = await createTestDatabase(this.options.service.replace(/-/g, '_'));
      await applyMigrations(this.options.prismaSchema, this.database.url);
    }
    await this.producer.connect();
    await this.rawProducer.connect();
  }

  /** Publishes values keyed by the topic's catalog key format, as their owners would. */
  async publish<T, K extends string>(contract: TopicDefinition<T, K>, values: readonly T[]): Promise<void> {
    await this.publisher.publishMany(
      contract,
      values.map((value) => ({ key: messageKey(contract, value as Parameters<typeof messageKey<K>>[1]), value })),
    );
  }

  /** The platform settings every service validates; the harness adds the service's own. */
  platformEnv(logLevel = 'fatal'): Record<string, string> {
    return {
      SERVICE_NAME: this.options.service,
      TOPIC_NAMESPACE: this.namespace,
      KAFKA_BROKERS: this.env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: this.env.schemaRegistryUrl,
      ...(this.database ? { DATABASE_URL: this.database.url } : {}),
      OTEL_EXPORTER_OTLP_ENDPOINT: this.env.otlpEndpoint,
      LOG_LEVEL: logLevel,
    };
  }

  async record<T>(contract: TopicDefinition<T>): Promise<TopicRecorder<T>> {
    return this.started(new TopicRecorder(this.kafka, this.serde, contract, this.namespace));
  }

  /** A recorder for a compacted topic that keeps tombstones (null values). */
  async recordTable<T>(contract: TopicDefinition<T>): Promise<TableTopicRecorder<T>> {
    return this.started(new TableTopicRecorder(this.kafka, this.serde, contract, this.namespace));
  }

  /** Stops the recorders, deletes the namespace's topics and schema subjects, and drops the database. */
  async tearDown(): Promise<void> {
    for (const recorder of this.recorders) await recorder.stop();
    await this.producer.disconnect();
    await this.rawProducer.disconnect();
    await dropTestNamespace(this.kafka, this.env.schemaRegistryUrl, this.namespace);
    await this.database?.drop();
  }

  private async started<R extends { start(): Promise<void>; stop(): Promise<void> }>(recorder: R): Promise<R> {
    await recorder.start();
    this.recorders.push(recorder);
    return recorder;
  }
}

/** Where a service started in-process on port 0 listens. */
export function baseUrlOf(service: RunningService): string {
  const address = service.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** JSON over HTTP against the service under test: the status and the parsed body. */
export async function http<T = unknown>(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
