import { Controller, type INestApplication } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import type { Consumer, Kafka } from 'kafkajs';
import pino from 'pino';
import { ConfigModule, platformConfigSchema } from '@crossdock/config';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import { ObservabilityModule } from '@crossdock/observability';
import { createTestNamespace, dropTestNamespace, sampleChannelOrder, stackEnv, waitFor } from '@crossdock/testing';
import { applyContracts } from '../admin';
import { createKafka } from '../kafka-client.factory';
import { TransientDependencyError } from '../errors/message-errors';
import { KafkaTransportFactory, MessagingModule } from '../nest/messaging.module';
import { OnEvent } from '../nest/on-event.decorator';
import { EventPublisher } from '../publishing/event-publisher';
import { createSchemaRegistry } from '../serde/schema-registry.factory';

const env = stackEnv();
const namespace = createTestNamespace('membership');
// The broker's smallest session (group.min.session.timeout.ms); each retry waits longer than that.
const SESSION_TIMEOUT_MS = 6_000;
const OUTAGE_MS = 20_000;

/** A dependency that is down until `upAt`: the handler fails transiently, then handles. */
const dependency = { upAt: Number.POSITIVE_INFINITY, attempts: 0, handled: [] as string[] };

@Controller()
class OutageProbeController {
  @OnEvent(Topics.channelOrders)
  onOrder(@Payload() order: ChannelOrder): void {
    dependency.attempts++;
    if (Date.now() < dependency.upAt) throw new TransientDependencyError('database', 'the database is down');
    dependency.handled.push(order.orderId);
  }
}

describe('consumer group membership through a long outage (real stack)', () => {
  let kafka: Kafka;
  let app: INestApplication;
  let consumer: Consumer;
  const joins: number[] = [];

  beforeAll(async () => {
    kafka = createKafka('membership-int-test', env.kafkaBrokers);
    await applyContracts({
      kafka,
      registry: createSchemaRegistry(env.schemaRegistryUrl),
      namespace,
      topics: [Topics.channelOrders, Topics.orderIngestDeadLetters],
      log: { info: () => undefined, warn: () => undefined },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(platformConfigSchema, {
          SERVICE_NAME: 'order-ingest',
          TOPIC_NAMESPACE: namespace,
          KAFKA_BROKERS: env.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
        }),
        ObservabilityModule.forRoot({ serviceName: 'order-ingest', logger: pino({ level: 'silent' }) }),
        MessagingModule.forRoot({
          contracts: Topics,
          deadLetterTopic: Topics.orderIngestDeadLetters,
          // Every wait between attempts outlasts the session: only heartbeats sent while waiting keep the member.
          retryPolicy: { maxAttempts: 3, initialBackoffMs: SESSION_TIMEOUT_MS + 2_000, maxBackoffMs: SESSION_TIMEOUT_MS + 2_000 },
        }),
      ],
      controllers: [OutageProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    const transport = app.get(KafkaTransportFactory).create({ sessionTimeoutMs: SESSION_TIMEOUT_MS });
    app.connectMicroservice({ strategy: transport });
    await app.init();
    await app.startAllMicroservices();
    consumer = transport.unwrap<Consumer>();
    consumer.on(consumer.events.GROUP_JOIN, () => joins.push(Date.now()));
  });

  afterAll(async () => {
    await app?.close();
    await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
  });

  it('keeps its membership and its partition while a retry waits out an outage longer than the session', async () => {
    await waitFor(async () => ((await consumer.describeGroup()).state === 'Stable' ? true : undefined), { timeoutMs: 30_000, what: 'the group stable' });
    const joinsBefore = joins.length;
    dependency.upAt = Date.now() + OUTAGE_MS;
    const order = sampleChannelOrder({ orderId: 'ORD-OUTAGE-1', channelOrderId: '#1001' });
    await app.get(EventPublisher).publish(Topics.channelOrders, order.orderId, order);

    await waitFor(() => (dependency.handled.length === 1 ? true : undefined), {
      timeoutMs: OUTAGE_MS + 30_000,
      what: 'the order handled once the outage ends',
    });
    expect(dependency.handled).toEqual(['ORD-OUTAGE-1']);
    // Several attempts, each a session's length apart: the member was quiet on the partition for
    // the whole outage yet never removed, so the group never rebalanced.
    expect(dependency.attempts).toBeGreaterThanOrEqual(3);
    expect(joins.length).toBe(joinsBefore);
    const group = await consumer.describeGroup();
    expect(group.members).toHaveLength(1);
  }, 90_000);
});
