import type { Kafka, Producer } from 'kafkajs';
import { Topics, subjectName, topicName } from '@crossdock/contracts';
import {
  AvroSerde,
  EventPublisher,
  applyContracts,
  createIdempotentProducer,
  createKafka,
  type KafkaLogSink,
  createSchemaRegistry,
} from '@crossdock/messaging';
import { createTestNamespace, deleteSubject, stackEnv } from '@crossdock/testing';
import { ConsumerWorker } from './consumer-worker.client';

/** Everything the backbone measurements share: one namespace, its topics, a producer and the forked consumer. */
export interface BackboneSession {
  readonly namespace: string;
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly publisher: EventPublisher;
  /** `<namespace>crossdock.orders.channel-order.v1`, 12 partitions, schema registered. */
  readonly ordersTopic: string;
  /** `<namespace>perf`, 12 partitions, raw bytes for Kafka's ProducerPerformance. */
  readonly perfTopic: string;
  readonly consumer: ConsumerWorker;
  /** Stops the consumer and producer, deletes the topics, the consumer group and the schema subject. Idempotent. */
  close(): Promise<void>;
}

const PERF_PARTITIONS = 12;

const kafkaLog: KafkaLogSink = {
  error: (fields, message) => console.error(`[producer] kafkajs error: ${message} ${JSON.stringify(fields)}`),
  warn: (fields, message) => console.error(`[producer] kafkajs warning: ${message} ${JSON.stringify(fields)}`),
  info: () => undefined,
  debug: () => undefined,
};

export async function openBackboneSession(label = 'bench'): Promise<BackboneSession> {
  const env = stackEnv();
  const namespace = createTestNamespace(label);
  const ordersTopic = topicName(Topics.channelOrders, namespace);
  const perfTopic = `${namespace}perf`;
  const groupId = `${namespace}consumer`;
  const kafka = createKafka('crossdock-bench', env.kafkaBrokers, kafkaLog);
  const registry = createSchemaRegistry(env.schemaRegistryUrl, { clientId: 'crossdock-bench' });

  // Undo steps, run last-first by close(); each is registered before the thing it undoes exists,
  // so a failure half-way through opening still removes whatever was created.
  const undo: Array<{ what: string; run: () => Promise<unknown> }> = [];
  undo.push({
    what: `delete subject ${subjectName(Topics.channelOrders, namespace)}`,
    run: () => deleteSubject(env.schemaRegistryUrl, subjectName(Topics.channelOrders, namespace)),
  });
  undo.push({
    what: `delete topics ${ordersTopic}, ${perfTopic} and group ${groupId}`,
    run: () => deleteKafkaResources(kafka, [ordersTopic, perfTopic], groupId),
  });
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= runUndo(undo));

  try {
    const log = { info: () => undefined, warn: (fields: object, message: string) => console.error(`[contracts] ${message} ${JSON.stringify(fields)}`) };
    await applyContracts({ kafka, registry, namespace, topics: [Topics.channelOrders], log });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // Broker auto-create is off (infra/stack/components/kafka.sh), so the Java tool's topic is made here.
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: perfTopic, numPartitions: PERF_PARTITIONS, replicationFactor: 1 }] });
    } finally {
      await admin.disconnect();
    }
    const producer = createIdempotentProducer(kafka);
    undo.push({ what: 'disconnect producer', run: () => producer.disconnect() });
    await producer.connect();
    const publisher = new EventPublisher(producer, new AvroSerde(registry, namespace), namespace, 'crossdock-bench');
    const consumer = await ConsumerWorker.start({ brokers: env.kafkaBrokers, registryUrl: env.schemaRegistryUrl, namespace, groupId });
    undo.push({ what: 'stop consumer worker', run: () => consumer.stop() });
    return { namespace, brokers: env.kafkaBrokers, registryUrl: env.schemaRegistryUrl, kafka, producer, publisher, ordersTopic, perfTopic, consumer, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function runUndo(undo: Array<{ what: string; run: () => Promise<unknown> }>): Promise<void> {
  for (const step of [...undo].reverse()) {
    try {
      await step.run();
    } catch (error) {
      console.error(`cleanup: ${step.what} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

async function deleteKafkaResources(kafka: Kafka, topics: readonly string[], groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((topic) => existing.has(topic));
    if (present.length > 0) await admin.deleteTopics({ topics: present, timeout: 30_000 });
    const groups = await admin.listGroups();
    if (groups.groups.some((group) => group.groupId === groupId)) await admin.deleteGroups([groupId]);
  } finally {
    await admin.disconnect();
  }
}
