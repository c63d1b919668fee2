// The backbone smoke flow behind `npm run demo`: one order through the real registry, Kafka and a
// Nest consumer, three kinds of bad input dead-lettered, and the order's trace found in Jaeger.
import { namespace, telemetry } from './smoke.instrument';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { Partitioners } from 'kafkajs';
import { DeadLetterTopics, Topics, topicName } from '@crossdock/contracts';
import { AvroSerde, EventPublisher, applyContracts, bootstrapService, createKafka } from '@crossdock/messaging';
import { waitForTrace } from '@crossdock/observability/testing';
import { DeadLetterReader, sampleChannelOrder, stackEnv, waitFor } from '@crossdock/testing';
import { SmokeModule } from './smoke.module';
import { SmokeOrderController } from './smoke-order.controller';

const env = stackEnv();
const say = (label: string, text: string) => console.log(`  ${label.padEnd(11)} ${text}`);

async function main(): Promise<void> {
  console.log(`\nCrossdock backbone smoke flow (topic namespace '${namespace}')`);
  const kafka = createKafka('backbone-smoke', env.kafkaBrokers);
  const registry = new SchemaRegistry({ host: env.schemaRegistryUrl });
  const topics = [Topics.channelOrders, DeadLetterTopics['order-ingest']];
  const applied = await applyContracts({ kafka, registry, namespace, topics, log: { info: () => undefined, warn: console.warn } });
  say('contracts', `${applied.topics.length} topics created, ${applied.subjects.length} schemas registered (BACKWARD)`);

  const service = await bootstrapService(SmokeModule, { port: 0, handleSignals: false });
  const deadLetters = new DeadLetterReader(kafka, service.app.get(AvroSerde), DeadLetterTopics['order-ingest'], namespace);
  await deadLetters.start();
  try {
    const order = sampleChannelOrder();
    const sentAt = Date.now();
    await service.app.get(EventPublisher).publish(Topics.channelOrders, order.orderId, order, { correlationId: order.orderId });
    say('published', `order ${order.orderId} (${order.lines.length} lines) → ${topicName(Topics.channelOrders, namespace)}`);
    const seen = await waitFor(() => SmokeOrderController.seen.find((s) => s.order.orderId === order.orderId), { what: 'the order to be consumed' });
    say('consumed', `by a Nest handler ${seen.receivedAt - sentAt} ms later, decoded intact: ${JSON.stringify(seen.order) === JSON.stringify(order)}`);

    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const bad = [Buffer.from('{"not":"avro"}'), Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1]), Buffer.alloc(0)];
    await producer.send({ topic: topicName(Topics.channelOrders, namespace), messages: bad.map((value) => ({ key: 'bad-input', value })) });
    await producer.disconnect();
    const letters = await waitFor(() => (deadLetters.records.length >= bad.length ? deadLetters.records : undefined), { what: 'dead letters' });
    say('bad input', `${bad.length} bad messages → ${topicName(DeadLetterTopics['order-ingest'], namespace)}: ${letters.map((l) => l.errorCode).sort().join(', ')}`);
    const after = sampleChannelOrder({ orderId: `${order.orderId}-2`, channelOrderId: `${order.channelOrderId}-2` });
    await service.app.get(EventPublisher).publish(Topics.channelOrders, 'bad-input', after);
    await waitFor(() => SmokeOrderController.seen.find((s) => s.order.orderId === after.orderId), { what: 'the order after the bad input' });
    say('', 'the partition moved on: the next order on the same key was consumed');

    await telemetry.flush();
    const traceId = seen.traceId ?? '';
    const trace = await waitForTrace(env.jaegerQueryUrl, traceId, { minSpans: 2, timeoutMs: 20_000 });
    say('trace', `${traceId}: ${trace.spans.map((s) => s.operationName).join(' → ')}`);
    say('', `open ${env.jaegerQueryUrl}/trace/${traceId}`);
    console.log('\nSmoke flow OK\n');
  } finally {
    await deadLetters.stop();
    await service.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: (await admin.listTopics()).filter((t) => t.startsWith(namespace)) });
    await admin.disconnect();
    await telemetry.shutdown();
  }
}

main().catch((error: unknown) => {
  console.error('\nSmoke flow FAILED:', error instanceof Error ? error.message : error);
  process.exit(1);
});
