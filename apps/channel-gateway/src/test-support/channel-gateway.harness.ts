import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { Kafka } from 'kafkajs';
import { signShopifyBody } from '@crossdock/channel-adapters';
import { Topics, type TopicDefinition } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createKafka, type RunningService } from '@crossdock/messaging';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, stackEnv, TopicRecorder, type TestDatabase } from '@crossdock/testing';
import { startChannelGateway } from '../channel-gateway.service-runner';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');
export const MAPPINGS_DIR = join(__dirname, '../../../../libs/channel-adapters/mappings');
const FIXTURES_DIR = join(__dirname, '../../../../libs/channel-adapters/fixtures');
export const SHOPIFY_SECRET = 'shpss_it_5b1f0e6c2d9a4e7f8c3b1a0d';

/** Raw bytes of a channel sample under libs/channel-adapters/fixtures. */
export function fixture(relativePath: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relativePath));
}

/**
 * One test file's world: its own topic namespace (contracts applied) and throw-away database
 * (migrated for real), recorders on the topics, and the gateway started the way main.ts starts it.
 */
export class GatewayHarness {
  readonly env = stackEnv();
  readonly namespace: string;
  readonly kafka: Kafka;
  readonly serde: AvroSerde;
  database!: TestDatabase;
  private readonly recorders: Array<TopicRecorder<unknown>> = [];

  constructor(label: string) {
    this.namespace = createTestNamespace(label);
    this.kafka = createKafka(`channel-gateway-test-${label}`, this.env.kafkaBrokers);
    this.serde = new AvroSerde(new SchemaRegistry({ host: this.env.schemaRegistryUrl }), this.namespace);
  }

  async setUp(): Promise<void> {
    await applyContracts({
      kafka: this.kafka,
      registry: new SchemaRegistry({ host: this.env.schemaRegistryUrl }),
      namespace: this.namespace,
      topics: [Topics.channelOrders, Topics.channelGatewayDeadLetters],
      log: { info: () => undefined, warn: () => undefined },
    });
    this.database = await createTestDatabase('channel_gateway');
    await applyMigrations(SCHEMA_PATH, this.database.url);
  }

  serviceEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      SERVICE_NAME: 'channel-gateway',
      TOPIC_NAMESPACE: this.namespace,
      KAFKA_BROKERS: this.env.kafkaBrokers.join(','),
      SCHEMA_REGISTRY_URL: this.env.schemaRegistryUrl,
      DATABASE_URL: this.database.url,
      OTEL_EXPORTER_OTLP_ENDPOINT: this.env.otlpEndpoint,
      LOG_LEVEL: process.env['CHANNEL_GATEWAY_TEST_LOG_LEVEL'] ?? 'fatal',
      CHANNEL_MAPPINGS_DIR: MAPPINGS_DIR,
      SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR: SHOPIFY_SECRET,
      ...overrides,
    };
  }

  async startService(overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const service = await startChannelGateway({ env: this.serviceEnv(overrides), port: 0, handleSignals: false });
    const address = service.app.getHttpServer().address() as AddressInfo;
    return { service, baseUrl: `http://127.0.0.1:${address.port}` };
  }

  async record<T>(contract: TopicDefinition<T>): Promise<TopicRecorder<T>> {
    const recorder = new TopicRecorder(this.kafka, this.serde, contract, this.namespace);
    await recorder.start();
    this.recorders.push(recorder as TopicRecorder<unknown>);
    return recorder;
  }

  async tearDown(): Promise<void> {
    for (const recorder of this.recorders) await recorder.stop();
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

/** Posts a webhook the way Shopify does: raw bytes, signed with the shop's secret unless told otherwise. */
export async function postShopifyWebhook(
  url: string,
  rawBody: Buffer,
  { topic = 'orders/create', secret = SHOPIFY_SECRET, headers = {} }: { topic?: string; secret?: string; headers?: Record<string, string | null> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const all: Record<string, string | null> = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': signShopifyBody(rawBody, secret),
    'x-shopify-shop-domain': 'acme-outdoor.myshopify.com',
    'x-shopify-webhook-id': `wh-${Math.random().toString(16).slice(2)}`,
    'x-shopify-api-version': '2026-10',
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null));
  const response = await fetch(url, { method: 'POST', headers: sent, body: rawBody });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The Shopify sample with another order id, byte for byte otherwise (pretty-printed as Shopify sends it). */
export function shopifyOrderBody(file: string, orderId: string): Buffer {
  return Buffer.from(fixture(`shopify/${file}`).toString('utf8').replaceAll('6120458731622', orderId));
}
