import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { messageKey, topicName, Topics, type ChannelAvailability } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';
import { sleep } from '../lib/clock';
import { percentile } from '../lib/stats';
import { benchPosition, LOCATIONS } from './position-seed';

export interface PublicationDelayResult {
  readonly sent: number;
  readonly achievedRatePerSec: number;
  /** Updates whose figure (or a newer one of the same SKU) was read back. */
  readonly published: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /**
   * This reader's own lag: read time minus the record's timestamp (set by the service's producer
   * when it sent the record). The rest of the delay is the service's: consuming, computing, sending.
   */
  readonly readerLagP50Ms: number;
  readonly readerLagP99Ms: number;
  /** The same delay for the warm-up's updates (the first seconds after the service started). */
  readonly warmup: { readonly updates: number; readonly p50Ms: number; readonly p99Ms: number };
}

/**
 * Open loop: `ratePerSec` position updates per second, each to a different SKU at DC-RENO (so no
 * coalescing hides work), sent on schedule without waiting for acks. Delay = the edi-summit-outfitters
 * ChannelAvailability record of that update read back here, minus the time the update was scheduled.
 * The first `warmupSeconds` run at the same rate and are reported apart: a service that has just
 * restarted runs its live path unoptimised by the JIT and falls behind for a few seconds.
 * `onMeasuring` is called when the measured updates begin (e.g. to snapshot the service's histograms).
 */
export async function measurePublicationDelay(
  kafka: Kafka,
  serde: AvroSerde,
  namespace: string,
  skus: number,
  options: { ratePerSec: number; seconds: number; warmupSeconds: number; drainTimeoutMs: number; onMeasuring?: () => Promise<void> },
): Promise<PublicationDelayResult> {
  /** Per SKU, its updates not yet reflected in a record, oldest first (on-hand grows with each). */
  const pending = new Map<string, Array<{ onHand: number; at: number; measured: boolean }>>();
  const delays: number[] = [];
  const warmupDelays: number[] = [];
  const readerLags: number[] = [];
  let measuring = false;
  // 15,000 records/s come back: fetches of at least 64 KB (or 20 ms) instead of one per handful of
  // records take ~0.1 core less from the broker and this reader on a machine the service shares.
  const consumer = kafka.consumer({ groupId: `${namespace}bench-availability-${randomUUID()}`, maxWaitTimeInMs: 20, minBytes: 64 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(Topics.channelAvailability, namespace), fromBeginning: false });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const now = performance.now();
      const wallNow = Date.now();
      for (const message of batch.messages) {
        if (!message.key?.toString().endsWith('@edi-summit-outfitters')) continue;
        if (measuring) readerLags.push(wallNow - Number(message.timestamp));
        const { value } = await serde.decode<ChannelAvailability>(Topics.channelAvailability, message.value);
        const waiting = pending.get(value.sku);
        const onHand = value.locations.find((l) => l.locationId === LOCATIONS[0])?.onHand;
        if (!waiting || onHand === undefined) continue;
        // A figure reflects its update and any earlier one of the SKU it superseded (merged in a batch or window).
        for (let head = waiting[0]; head !== undefined && head.onHand <= onHand; head = waiting[0]) {
          waiting.shift();
          (head.measured ? delays : warmupDelays).push(now - head.at);
        }
        if (waiting.length === 0) pending.delete(value.sku);
      }
    },
  });
  while (!assigned) await sleep(50);
  await sleep(1_000);

  const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const encode = await serde.encoder(Topics.erpInventoryPositions);
  const topic = topicName(Topics.erpInventoryPositions, namespace);
  const warmupUpdates = options.ratePerSec * options.warmupSeconds;
  const total = warmupUpdates + options.ratePerSec * options.seconds;
  let measuringStarted: Promise<void> | undefined;
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
    if (sent >= warmupUpdates && !measuring) {
      measuring = true;
      measuringStarted = options.onMeasuring?.();
    }
    for (; sent < due; sent++) {
      const skuIndex = (sent * stride) % skus;
      // Each pass over the SKUs sets a new on-hand, so every update changes the figures and its
      // record tells by the on-hand it carries which update of the SKU it reflects.
      const cycle = Math.floor(sent / skus);
      const onHand = 1_000 + cycle;
      // No allocation: with the seed's `onHand % 7` two on-hands could give the same figure, which is rightly not republished.
      const position = { ...benchPosition(skuIndex, 0, 2 + cycle, onHand), allocated: 0 };
      const waiting = pending.get(position.sku) ?? [];
      waiting.push({ onHand, at: started + (sent / options.ratePerSec) * 1000, measured: sent >= warmupUpdates });
      pending.set(position.sku, waiting);
      messages.push({ key: messageKey(Topics.erpInventoryPositions, position), value: encode(position) });
    }
    if (messages.length > 0) {
      const send = producer.send({ topic, messages, acks: 1 }).finally(() => inFlight.delete(send));
      inFlight.add(send);
    }
    await sleep(tickMs);
  }
  const sendSeconds = (performance.now() - started) / 1000;
  await measuringStarted;
  await Promise.all(inFlight);
  await producer.disconnect();
  const drainDeadline = performance.now() + options.drainTimeoutMs;
  while (pending.size > 0 && performance.now() < drainDeadline) await sleep(100);
  await consumer.disconnect();
  const sorted = [...delays].sort((a, b) => a - b);
  const warmupSorted = [...warmupDelays].sort((a, b) => a - b);
  const lags = [...readerLags].sort((a, b) => a - b);
  return {
    readerLagP50Ms: percentile(lags, 50),
    readerLagP99Ms: percentile(lags, 99),
    sent,
    achievedRatePerSec: sent / sendSeconds,
    published: delays.length + warmupDelays.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    warmup: { updates: warmupDelays.length, p50Ms: percentile(warmupSorted, 50), p99Ms: percentile(warmupSorted, 99) },
  };
}
