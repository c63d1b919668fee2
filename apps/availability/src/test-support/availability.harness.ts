import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { messageKey, Topics, type TopicDefinition } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createIdempotentProducer, createKafka, EventPublisher, type RunningService } from '@crossdock/messaging';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, DeadLetterReader, stackEnv, TopicRecorder, type TestDatabase } from '@crossdock/testing';
import { startAvailability } from '../availability.service-runner';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

const TOPICS = [
  Topics.erpInventoryPositions,
  Topics.wmsInventoryPositions,
  Topics.itemMaster,
  Topics.ordersAccepted,
  Topics.orderCancellations,
  Topics.reservations,
  Topics.stockShortages,
  Topics.channelAvailability,
  Topics.availabilityDeadLetters,
];


/**
 * One test file's world: its own topic namespace and database, the contracts applied there, a
 * publisher standing in for the ERP/WMS connectors and order-ingest, and the service itself
 * started the way main.ts starts it.
 */
export class AvailabilityHarness {
  readonly env = stackEnv();
  readonly namespace: string;
  readonly kafka: Kafka;
  readonly serde: AvroSerde;
  readonly publisher: EventPublisher;
  readonly rawProducer: Producer;
  database!: TestDatabase;
  deadLetters!: DeadLetterReader;
  private readonly producer: Producer;
  private readonly recorders: Array<TopicRecorder<unknown>> = [];

  constructor(label: string) {
    this.namespace = createTestNamespace(label);
    this.kafka = createKafka(`availability-test-${label}`, this.env.kafkaBrokers);
    this.serde = new AvroSerde(new SchemaRegistry({ host: this.env.schemaRegistryUrl }), this.namespace);
    this.producer = createIdempotentProducer(this.kafka);
    this.rawProducer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    this.publisher = new EventPublisher(this.producer, this.serde, this.namespace, 'availability-test');
  }

  async setUp(): Promise<void> {
    await applyContracts({
      kafka: this.kafka,
      registry: new SchemaRegistry({ host: this.env.schemaRegistryUrl }),
      namespace: this.namespace,
      topics: TOPICS,
      log: { info: () => undefined, warn: () => undefined },
    });
    this.database = await createTestDatabase('availability');
    await applyMigrations(SCHEMA_PATH, this.database.url);
    await this.producer.connect();
    await this.rawProducer.connect();
    this.deadLetters = new DeadLetterReader(this.kafka, this.serde, Topics.availabilityDeadLetters, this.namespace);
    await this.deadLetters.start();
  }

  serviceEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      SERVICE_NAME: 'availability',
      TOPIC_NAMESPACE: this.namespace,
      KAFKA_BROKERS: this.env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: this.env.schemaRegistryUrl,
      DATABASE_URL: this.database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: this.env.otlpEndpoint,
      // kafkajs logs every rebalance of a multi-instance test at error level; raise to debug here.
      LOG_LEVEL: process.env['AVAILABILITY_TEST_LOG_LEVEL'] ?? 'fatal',
      CHANNEL_RULES_PATH: join(__dirname, '../../../../libs/availability/domain/reference-data/channel-rules.yaml'),
      ...overrides,
    };
  }

  async startService(overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const service = await startAvailability({ env: this.serviceEnv(overrides), port: 0, handleSignals: false });
    const address = service.app.getHttpServer().address() as AddressInfo;
    return { service, baseUrl: `http://127.0.0.1:${address.port}` };
  }

  async record<T>(contract: TopicDefinition<T>): Promise<TopicRecorder<T>> {
    const recorder = new TopicRecorder(this.kafka, this.serde, contract, this.namespace);
    await recorder.start();
    this.recorders.push(recorder as TopicRecorder<unknown>);
    return recorder;
  }

  /** Publishes values keyed by the topic's catalog key format, as their owners would. */
  async publish<T, K extends string>(contract: TopicDefinition<T, K>, values: readonly T[]): Promise<void> {
    await this.publisher.publishMany(
      contract,
      values.map((value) => ({ key: messageKey(contract, value as Parameters<typeof messageKey<K>>[1]), value })),
    );
  }

  async tearDown(): Promise<void> {
    for (const recorder of this.recorders) await recorder.stop();
    await this.deadLetters?.stop();
    await this.producer.disconnect();
    await this.rawProducer.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const mine = (await admin.listTopics()).filter((t) => t.startsWith(this.namespace));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    } finally {
      await admin.disconnect();
    }
    await this.database?.drop();
  }
}

/** GET/POST JSON against the running service. */
export async function http<T = unknown>(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export type { TopicRecorder };
