import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import type { TopicDefinition } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createKafka } from '@crossdock/messaging';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, stackEnv, type TestDatabase } from '@crossdock/testing';
import { TableTopicRecorder } from './table-topic.recorder';

export interface ConnectorHarnessOptions {
  /** The connector's database name prefix, e.g. `erp_connector`. */
  readonly database: string;
  /** apps/<app>/prisma/schema.prisma */
  readonly schemaPath: string;
  /** Topics the connector writes, created (with their schemas) in the test's namespace. */
  readonly topics: readonly TopicDefinition[];
}

/**
 * One connector test file's world on the real stack: its own topic namespace with the contracts
 * applied, a throw-away migrated database, and recorders reading what the connector publishes.
 */
export class ConnectorHarness {
  readonly env = stackEnv();
  readonly namespace: string;
  readonly kafka: Kafka;
  readonly serde: AvroSerde;
  database!: TestDatabase;
  private readonly recorders: Array<TableTopicRecorder<unknown>> = [];

  constructor(
    label: string,
    private readonly options: ConnectorHarnessOptions,
  ) {
    this.namespace = createTestNamespace(label);
    this.kafka = createKafka(`connector-test-${label}`, this.env.kafkaBrokers);
    this.serde = new AvroSerde(new SchemaRegistry({ host: this.env.schemaRegistryUrl }), this.namespace);
  }

  async setUp(): Promise<void> {
    await applyContracts({
      kafka: this.kafka,
      registry: new SchemaRegistry({ host: this.env.schemaRegistryUrl }),
      namespace: this.namespace,
      topics: this.options.topics,
      log: { info: () => undefined, warn: () => undefined },
    });
    this.database = await createTestDatabase(this.options.database);
    await applyMigrations(this.options.schemaPath, this.database.url);
  }

  /** Platform settings for the service under test; the caller adds its source and mapping variables. */
  platformEnv(serviceName: string): Record<string, string> {
    return {
      SERVICE_NAME: serviceName,
      TOPIC_NAMESPACE: this.namespace,
      KAFKA_BROKERS: this.env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: this.env.schemaRegistryUrl,
      DATABASE_URL: this.database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: this.env.otlpEndpoint,
      LOG_LEVEL: process.env['CONNECTOR_TEST_LOG_LEVEL'] ?? 'fatal',
    };
  }

  async record<T>(contract: TopicDefinition<T>): Promise<TableTopicRecorder<T>> {
    const recorder = new TableTopicRecorder(this.kafka, this.serde, contract, this.namespace);
    await recorder.start();
    this.recorders.push(recorder as TableTopicRecorder<unknown>);
    return recorder;
  }

  async tearDown(): Promise<void> {
    for (const recorder of this.recorders) await recorder.stop();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const mine = (await admin.listTopics()).filter((topic) => topic.startsWith(this.namespace));
      if (mine.length > 0) await admin.deleteTopics({ topics: mine });
    } finally {
      await admin.disconnect();
    }
    await this.database?.drop();
  }
}

/** JSON over HTTP against the service under test. */
export async function http<T = unknown>(url: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(url, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
