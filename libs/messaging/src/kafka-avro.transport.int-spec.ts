import { Controller, type INestApplication } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { Kafka, Producer } from 'kafkajs';
import pino from 'pino';
import { ConfigModule, platformConfigSchema } from '@crossdock/config';
import { Topics, subjectName, topicName, type ChannelOrder, type InventoryPosition } from '@crossdock/contracts';
import { injectTraceHeaders, ObservabilityModule, processMetrics, startTelemetry, type TelemetryHandle } from '@crossdock/observability';
import { waitForTrace } from '@crossdock/observability/testing';
import { createTestNamespace, DeadLetterReader, dropTestNamespace, sampleChannelOrder, sampleInventoryPosition, stackEnv, waitFor } from '@crossdock/testing';
import { applyContracts } from './admin';
import { createKafka } from './kafka-client.factory';
import { KeyHashPartitioner } from './partitioning/key-hash.partitioner';
import { KafkaEventContext } from './consuming/kafka-event.context';
import type { KafkaAvroTransport } from './consuming/kafka-avro.transport';
import { PoisonMessageError } from './errors/message-errors';
import { MessageHeader } from './headers/message-headers';
import { KafkaTransportFactory, MessagingModule } from './nest/messaging.module';
import { OnEvent, OnEventBatch } from './nest/on-event.decorator';
import type { InboundBatchItem } from './consuming/inbound-message';
import { EventPublisher } from './publishing/event-publisher';
import { AvroSerde } from './serde/avro-serde';
import { createSchemaRegistry } from './serde/schema-registry.factory';

const env = stackEnv();
const namespace = createTestNamespace('messaging');
const channelOrders = topicName(Topics.channelOrders, namespace);

/** What the test app's handler saw, and knobs to make it fail or stall on chosen orders. */
const probe = {
  handled: [] as Array<{ order: ChannelOrder; traceparent: string | undefined; attempt: number; offset: string }>,
  failAlways: new Set<string>(),
  stall: new Map<string, Promise<void>>(),
  positions: [] as Array<{ key: string | null; value: InventoryPosition | null; tombstone: boolean }>,
  /** Each call of the batch handler: the skus it applied (all or nothing), and each item's own traceparent. */
  batches: [] as Array<{ skus: string[]; traceparents: Array<string | undefined> }>,
};

@Controller()
class OrderProbeController {
  @OnEvent(Topics.channelOrders)
  async onOrder(@Payload() order: ChannelOrder, @Ctx() ctx: KafkaEventContext): Promise<void> {
    await probe.stall.get(order.orderId);
    if (order.orderId.startsWith('POISON:')) throw new PoisonMessageError('ORDER_REJECTED_FOR_TEST', `order ${order.orderId} is poison`);
    if (probe.failAlways.has(order.orderId)) throw new Error(`handler bug on ${order.orderId}`);
    probe.handled.push({ order, traceparent: ctx.meta.headers[MessageHeader.TraceParent], attempt: ctx.meta.attempt, offset: ctx.meta.offset });
  }

  @OnEventBatch(Topics.wmsInventoryPositions, { maxMessages: 50 })
  async onWmsPositions(@Payload() items: readonly InboundBatchItem<InventoryPosition>[]): Promise<void> {
    if (items.some((i) => i.value.sku.startsWith('POISON'))) throw new PoisonMessageError('POSITION_REJECTED_FOR_TEST', 'a poison position');
    const traceparents: Array<string | undefined> = [];
    for (const item of items) traceparents.push(await item.run(async () => injectTraceHeaders({})['traceparent']));
    probe.batches.push({ skus: items.map((i) => i.value.sku), traceparents });
  }

  @OnEvent(Topics.erpInventoryPositions, { tombstones: true })
  onPosition(@Payload() position: InventoryPosition | null, @Ctx() ctx: KafkaEventContext): void {
    probe.positions.push({ key: ctx.meta.key, value: position, tombstone: ctx.meta.tombstone });
  }
}

describe('KafkaAvroTransport on the real stack', () => {
  let telemetry: TelemetryHandle;
  let kafka: Kafka;
  let registry: SchemaRegistry;
  let app: INestApplication;
  let transport: KafkaAvroTransport;
  let publisher: EventPublisher;
  let rawProducer: Producer;
  let deadLetters: DeadLetterReader;

  const order = (id: string): ChannelOrder => sampleChannelOrder({ orderId: id, channelOrderId: id });
  const handledIds = () => probe.handled.map((h) => h.order.orderId);

  async function startApp(): Promise<void> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(platformConfigSchema, {
          SERVICE_NAME: 'order-ingest',
          TOPIC_NAMESPACE: namespace,
          KAFKA_BROKERS: env.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
        }),
        ObservabilityModule.forRoot({ serviceName: 'order-ingest', logger: pino({ level: 'warn' }) }),
        MessagingModule.forRoot({
          contracts: Topics,
          deadLetterTopic: Topics.orderIngestDeadLetters,
          retryPolicy: { maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 200 },
        }),
      ],
      controllers: [OrderProbeController],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    transport = app.get(KafkaTransportFactory).create();
    app.connectMicroservice({ strategy: transport });
    await app.init();
    await app.startAllMicroservices();
    publisher = app.get(EventPublisher);
  }

  async function committedOffset(partition: number): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({ groupId: `${namespace}order-ingest`, topics: [channelOrders] });
      return Number(topic?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'order-ingest', otlpEndpoint: env.otlpEndpoint });
    kafka = createKafka('messaging-int-test', env.kafkaBrokers);
    registry = createSchemaRegistry(env.schemaRegistryUrl);
    await applyContracts({
      kafka,
      registry,
      namespace,
      topics: [Topics.channelOrders, Topics.orderIngestDeadLetters, Topics.erpInventoryPositions, Topics.wmsInventoryPositions],
      log: { info: () => undefined, warn: () => undefined },
    });
    rawProducer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: KeyHashPartitioner });
    await rawProducer.connect();
    await startApp();
    deadLetters = new DeadLetterReader(kafka, app.get(AvroSerde), Topics.orderIngestDeadLetters, namespace);
    await deadLetters.start();
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await app?.close();
    await rawProducer?.disconnect();
    await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
    await telemetry?.shutdown();
  });

  it('delivers an Avro event through the registry to a Nest handler, traced end to end in Jaeger', async () => {
    const sent = order('SHOPIFY:acme:1001');
    await publisher.publish(Topics.channelOrders, sent.orderId, sent, { correlationId: 'corr-1001' });

    const seen = await waitFor(() => probe.handled.find((h) => h.order.orderId === sent.orderId), { what: 'order 1001 handled' });
    expect(seen.order).toEqual(sent);
    expect(seen.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    const traceId = (seen.traceparent as string).split('-')[1] as string;
    await telemetry.flush();
    const trace = await waitForTrace(env.jaegerQueryUrl, traceId, { minSpans: 2, timeoutMs: 60_000 });
    const kinds = trace.spans.map((span) => ({
      name: span.operationName,
      kind: span.tags.find((tag) => tag.key === 'span.kind')?.value,
    }));
    expect(kinds).toEqual(
      expect.arrayContaining([
        { name: `${Topics.channelOrders.name} send`, kind: 'producer' },
        { name: `${Topics.channelOrders.name} process`, kind: 'consumer' },
      ]),
    );
    const consumerSpan = trace.spans.find((span) => span.operationName.endsWith(' process'));
    expect(consumerSpan?.tags).toEqual(expect.arrayContaining([{ key: 'crossdock.correlation_id', type: 'string', value: 'corr-1001' }]));
  });

  it("measures how far behind the consumer is from each record's timestamp", async () => {
    const lagBucket = async (le: string): Promise<number> => {
      const text = await processMetrics().scrape();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('crossdock_messaging_consume_lag_seconds_bucket') && l.includes(`le="${le}"`) && l.includes(`topic="${channelOrders}"`));
      return line === undefined ? 0 : Number(line.split(' ').at(-1));
    };
    const recentBefore = await lagBucket('30');
    const olderBefore = await lagBucket('300');
    // Stamped two minutes ago, as a record looks to a consumer that was down that long.
    const late = order('SHOPIFY:acme:late');
    const schemaId = await registry.getRegistryIdBySchema(subjectName(Topics.channelOrders, namespace), {
      type: SchemaType.AVRO,
      schema: JSON.stringify(Topics.channelOrders.valueSchema),
    });
    await rawProducer.send({
      topic: channelOrders,
      messages: [{ key: late.orderId, value: await registry.encode(schemaId, late), timestamp: String(Date.now() - 120_000) }],
    });
    await waitFor(() => (handledIds().includes(late.orderId) ? true : undefined), { what: 'the late order handled' });

    // Counted between 30 s and 300 s of lag, not among the records taken within 30 s.
    expect((await lagBucket('300')) - olderBefore).toBe(1);
    expect((await lagBucket('30')) - recentBefore).toBe(0);
  });

  it('dead-letters garbage, unknown schema ids and foreign schemas with their bytes, and keeps consuming', async () => {
    const key = 'SHOPIFY:acme:bad-input';
    const garbage = Buffer.from('{"orderId": "not avro at all"}');
    const unknownSchema = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0]), Buffer.from('whatever')]);
    // A well-formed Avro message, but of the inventory-position contract, sent to the orders topic.
    const positionSchemaId = await registry.getRegistryIdBySchema(subjectName(Topics.erpInventoryPositions, namespace), {
      type: SchemaType.AVRO,
      schema: JSON.stringify(Topics.erpInventoryPositions.valueSchema),
    });
    const foreign = await registry.encode(positionSchemaId, sampleInventoryPosition());
    await rawProducer.send({
      topic: channelOrders,
      messages: [garbage, unknownSchema, foreign].map((value) => ({ key, value, headers: { [MessageHeader.CorrelationId]: 'corr-bad' } })),
    });
    const after = order(key);
    await publisher.publish(Topics.channelOrders, key, after);

    await waitFor(() => (handledIds().includes(key) ? true : undefined), { what: 'the valid order after the bad ones' });
    const records = await waitFor(
      () => {
        const mine = deadLetters.records.filter((r) => r.headers[MessageHeader.CorrelationId] === 'corr-bad');
        // Dead letters are keyed by source coordinates, so they spread over partitions: order by offset.
        return mine.length === 3 ? mine.sort((a, b) => a.offset - b.offset) : undefined;
      },
      { what: 'three dead letters' },
    );
    expect(records.map((r) => r.errorCode)).toEqual(['MALFORMED_ENVELOPE', 'UNKNOWN_SCHEMA_ID', 'SCHEMA_MISMATCH']);
    expect(records.map((r) => Buffer.from(r.value ?? []))).toEqual([garbage, unknownSchema, foreign]);
    for (const record of records) {
      expect(record).toMatchObject({ sourceTopic: channelOrders, consumerGroup: `${namespace}order-ingest`, attempts: 1 });
      expect(Buffer.from(record.key ?? []).toString()).toBe(key);
      expect(record.errorMessage.length).toBeGreaterThan(10);
    }
    expect(records[2]?.valueSchemaId).toBe(positionSchemaId);
  });

  it('retries a failing handler, dead-letters it, and moves on to the next message', async () => {
    const failing = order('SHOPIFY:acme:buggy');
    const poison = order('POISON:acme:2');
    const next = order('SHOPIFY:acme:after-buggy');
    probe.failAlways.add(failing.orderId);
    await publisher.publishMany(
      Topics.channelOrders,
      [failing, poison, next].map((o) => ({ key: 'same-partition', value: o })),
    );

    await waitFor(() => (handledIds().includes(next.orderId) ? true : undefined), { what: 'order after the failing one' });
    const [exhausted, rejected] = await waitFor(
      () => {
        const a = deadLetters.records.find((r) => r.errorMessage.includes(failing.orderId));
        const b = deadLetters.records.find((r) => r.errorCode === 'ORDER_REJECTED_FOR_TEST');
        return a && b ? [a, b] : undefined;
      },
      { what: `dead letters of the failing and the poison order (have: ${JSON.stringify(deadLetters.records.map((r) => [r.errorCode, r.errorMessage]))})` },
    );
    expect(exhausted).toMatchObject({ errorCode: 'RETRIES_EXHAUSTED', attempts: 3 });
    expect(exhausted?.firstFailedAt).toEqual(expect.any(Number));
    expect(rejected).toMatchObject({ attempts: 1 });
    expect(handledIds()).not.toContain(failing.orderId);
  });

  it('hands tombstones of a compacted topic to a handler that opted in, as null', async () => {
    const position = sampleInventoryPosition({ sku: 'SKU-TOMB', locationId: 'DC-RENO' });
    await publisher.publish(Topics.erpInventoryPositions, 'SKU-TOMB@DC-RENO', position);
    await rawProducer.send({ topic: topicName(Topics.erpInventoryPositions, namespace), messages: [{ key: 'SKU-TOMB@DC-RENO', value: null }] });

    const seen = await waitFor(() => (probe.positions.length >= 2 ? probe.positions : undefined), { what: 'position and its tombstone' });
    expect(seen).toEqual([
      { key: 'SKU-TOMB@DC-RENO', value: position, tombstone: false },
      { key: 'SKU-TOMB@DC-RENO', value: null, tombstone: true },
    ]);
  });

  it('hands a batch handler many messages per call, isolates the poison one, and runs each message in its own consumer span', async () => {
    const key = 'SKU-BATCH@DC-RENO';
    const skus = Array.from({ length: 40 }, (_, i) => `SKU-BATCH-${String(i).padStart(2, '0')}`);
    const positions = skus.map((sku) => sampleInventoryPosition({ sku }));
    const withPoison = [...positions.slice(0, 20), sampleInventoryPosition({ sku: 'POISON-1' }), ...positions.slice(20)];
    // One key, so one partition, published in one request: the consumer fetches them together.
    await publisher.publishMany(
      Topics.wmsInventoryPositions,
      withPoison.map((value) => ({ key, value })),
    );

    await waitFor(() => (probe.batches.flatMap((b) => b.skus).length === skus.length ? true : undefined), { what: 'all 40 valid positions applied' });
    expect(probe.batches.flatMap((b) => b.skus)).toEqual(skus);
    expect(Math.max(...probe.batches.map((b) => b.skus.length))).toBeGreaterThan(1);
    const letter = await waitFor(() => deadLetters.records.find((r) => r.errorCode === 'POSITION_REJECTED_FOR_TEST'), {
      what: 'the poison position dead-lettered',
    });
    expect(letter).toMatchObject({ sourceTopic: topicName(Topics.wmsInventoryPositions, namespace), attempts: 1 });
    // publishMany sent them in one traced request; each still got its own consumer span under it.
    const spanIds = probe.batches.flatMap((b) => b.traceparents).map((t) => t?.split('-')[2]);
    expect(new Set(spanIds).size).toBe(skus.length);
  });

  it('commits a handled offset in the background within the commit interval, though nothing follows on its partition', async () => {
    const last = order('SHOPIFY:acme:last-for-now');
    const [meta] = await publisher.publish(Topics.channelOrders, last.orderId, last);
    const partition = meta?.partition ?? 0;
    const offset = Number(meta?.baseOffset);
    await waitFor(() => (handledIds().includes(last.orderId) ? true : undefined), { what: 'the message handled' });
    // The consumer keeps running and nothing else arrives: only the background commit (1 s by default) can do it.
    await waitFor(async () => ((await committedOffset(partition)) === offset + 1 ? true : undefined), {
      what: 'the offset committed in the background',
      timeoutMs: 10_000,
    });
  });

  it('commits an offset only after its message was handled, and finishes in-flight work on shutdown', async () => {
    let release!: () => void;
    const slow = order('SHOPIFY:acme:slow');
    probe.stall.set(slow.orderId, new Promise<void>((resolve) => (release = resolve)));
    const [meta] = await publisher.publish(Topics.channelOrders, slow.orderId, slow);
    const partition = meta?.partition ?? 0;
    const offset = Number(meta?.baseOffset);

    // The handler is now stalled on this message: its offset must not be committed yet.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await committedOffset(partition)).toBeLessThanOrEqual(offset);
    expect(handledIds()).not.toContain(slow.orderId);

    const closing = transport.close();
    setTimeout(release, 300);
    await closing;
    expect(handledIds()).toContain(slow.orderId);
    expect(await committedOffset(partition)).toBe(offset + 1);

    // A restarted consumer does not see the handled message again.
    const before = probe.handled.length;
    await app.close();
    await startApp();
    const marker = order('SHOPIFY:acme:after-restart');
    await publisher.publish(Topics.channelOrders, slow.orderId, marker);
    await waitFor(() => (handledIds().includes(marker.orderId) ? true : undefined), { what: 'message after restart' });
    expect(probe.handled.slice(before).map((h) => h.order.orderId)).toEqual([marker.orderId]);
  });
});
