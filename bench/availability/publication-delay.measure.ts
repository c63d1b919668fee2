import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { messageKey, topicName, Topics, type ChannelAvailability } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';
import { sleep } from '../lib/clock';
import { percentile } from '../lib/stats';
import { benchPosition, benchSku } from './position-seed';

export interface PublicationDelayResult {
  readonly sent: number;
  readonly achievedRatePerSec: number;
  readonly published: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * Open loop: `ratePerSec` position updates per second, each to a different SKU at DC-RENO (so no
 * coalescing hides work), sent on schedule without waiting for acks. Delay = the edi-summit-sports
 * ChannelAvailability record of that SKU read back here, minus the time the update was scheduled.
 */
export async function measurePublicationDelay(
  kafka: Kafka,
  serde: AvroSerde,
  namespace: string,
  skus: number,
  options: { ratePerSec: number; seconds: number; drainTimeoutMs: number },
): Promise<PublicationDelayResult> {
  const scheduledAt = new Map<string, number>();
  const delays: number[] = [];
  const consumer = kafka.consumer({ groupId: `${namespace}bench-availability-${randomUUID()}`, maxWaitTimeInMs: 20 });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(Topics.channelAvailability, namespace), fromBeginning: false });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = performance.now();
      for (const message of batch.messages) {
        const key = message.key?.toString() ?? '';
        if (!key.endsWith('@edi-summit-sports')) continue;
        const sku = key.slice(0, key.indexOf('@'));
        const at = scheduledAt.get(sku);
        if (at === undefined) continue;
        scheduledAt.delete(sku);
        const { value } = await serde.decode<ChannelAvailability>(Topics.channelAvailability, message.value);
        if (value.sku === sku) delays.push(now - at);
      }
    },
  });
  while (!assigned) await sleep(50);
  await sleep(1_000);

  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const encode = await serde.encoder(Topics.erpInventoryPositions);
  const topic = topicName(Topics.erpInventoryPositions, namespace);
  const total = options.ratePerSec * options.seconds;
  const tickMs = 10;
  const perTick = Math.max(1, Math.round((options.ratePerSec * tickMs) / 1000));
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  let sent = 0;
  // Spread the updates over the SKUs with a stride, so consecutive updates hit different partitions.
  const stride = 7_919;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / tickMs + 1) * perTick));
    const messages = [];
    for (; sent < due; sent++) {
      const skuIndex = (sent * stride) % skus;
      const position = benchPosition(skuIndex, 0, 2, 1_000 + (sent % 100));
      scheduledAt.set(benchSku(skuIndex), started + (sent / options.ratePerSec) * 1000);
      messages.push({ key: messageKey(Topics.erpInventoryPositions, position), value: encode(position) });
    }
    if (messages.length > 0) {
      const send = producer.send({ topic, messages, acks: 1 }).finally(() => inFlight.delete(send));
      inFlight.add(send);
    }
    await sleep(tickMs);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  await producer.disconnect();
  const drainDeadline = performance.now() + options.drainTimeoutMs;
  while (scheduledAt.size > 0 && performance.now() < drainDeadline) await sleep(100);
  await consumer.disconnect();
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    sent,
    achievedRatePerSec: sent / sendSeconds,
    published: delays.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
