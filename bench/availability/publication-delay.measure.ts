import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { messageKey, topicName, Topics, type ChannelAvailability } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';
import { sleep } from '../lib/clock';
import { latencySummary, type LatencySummary } from '../lib/stats';
import { benchPosition, LOCATIONS } from './position-seed';

export interface PublicationDelayResult extends LatencySummary {
  readonly sent: number;
  readonly achievedRatePerSec: number;
  /** Updates whose figure (or a newer one of the same SKU) was read back. */
  readonly published: number;
  // The inherited p50Ms / p99Ms / maxMs: update scheduled → its record appended to the availability
  // topic (the broker's log-append time).
  /** Update scheduled → its record read back by this bench: the above plus the reader's own lag. */
  readonly readBack: LatencySummary;
  /** This reader's own lag: read time minus the record's log-append time. */
  readonly readerLag: LatencySummary;
  /** How late this process sent each tick's oldest update: the load generator's share of the delay. */
  readonly sendLag: LatencySummary;
  /** Wall-clock time the measured updates were scheduled from. */
  readonly measuredFrom: number;
  /** Scheduled → appended per half second of the measured updates (by schedule): where the tail came from. */
  readonly perHalfSecond: readonly LatencySummary[];
  /** Scheduled → appended for the warm-up's updates (the first seconds after the service started). */
  readonly warmup: LatencySummary & { readonly updates: number };
}

/**
 * Open loop: `ratePerSec` position updates per second, each to a different SKU at DC-RENO (so no
 * coalescing hides work), sent on schedule without waiting for acks. Delay = the time the broker
 * appended the update's edi-summit-outfitters ChannelAvailability record, minus the time the update
 * was scheduled: the record exists from then on, however late a consumer fetches it. The bench
 * creates that topic with LogAppendTime (availability.bench.ts), so the time is the broker's, read from the
 * record, and this reader's fetch policy and CPU stay out of it (reported apart, as read-back).
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
  const halfSeconds: number[][] = [];
  const readBackDelays: number[] = [];
  const warmupDelays: number[] = [];
  const readerLags: number[] = [];
  let measuring = false;
  // Wall-clock milliseconds the updates are scheduled from (the broker stamps records in the same clock).
  let startedAt = 0;
  // 15,000 records/s come back: fetches of at least 64 KB (or 20 ms) instead of one per handful of
  // records take ~0.1 core less from the broker and this reader on a machine the service shares.
  // No offset commits either: the group is this run's own, and a commit per batch kept the broker's
  // group coordinator busy.
  const consumer = kafka.consumer({ groupId: `${namespace}bench-availability-${randomUUID()}`, maxWaitTimeInMs: 20, minBytes: 64 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(Topics.channelAvailability, namespace), fromBeginning: false });
  let assigned = false;
  consumer.on(consumer.events.GROUP_JOIN, () => (assigned = true));
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      const readAt = performance.timeOrigin + performance.now();
      for (const message of batch.messages) {
        if (!message.key?.toString().endsWith('@edi-summit-outfitters')) continue;
        const appendedAt = Number(message.timestamp);
        if (measuring) readerLags.push(readAt - appendedAt);
        const { value } = await serde.decode<ChannelAvailability>(Topics.channelAvailability, message.value);
        const waiting = pending.get(value.sku);
        const onHand = value.locations.find((l) => l.locationId === LOCATIONS[0])?.onHand;
        if (!waiting || onHand === undefined) continue;
        // A figure reflects its update and any earlier one of the SKU it superseded (merged in a batch or window).
        for (let head = waiting[0]; head !== undefined && head.onHand <= onHand; head = waiting[0]) {
          waiting.shift();
          (head.measured ? delays : warmupDelays).push(appendedAt - head.at);
          if (head.measured) {
            readBackDelays.push(readAt - head.at);
            const half = Math.floor((head.at - startedAt) / 500) - options.warmupSeconds * 2;
            (halfSeconds[half] ??= []).push(appendedAt - head.at);
          }
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
  startedAt = performance.timeOrigin + started;
  const inFlight = new Set<Promise<unknown>>();
  const sendLags: number[] = [];
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
      waiting.push({ onHand, at: startedAt + (sent / options.ratePerSec) * 1000, measured: sent >= warmupUpdates });
      pending.set(position.sku, waiting);
      messages.push({ key: messageKey(Topics.erpInventoryPositions, position), value: encode(position) });
    }
    if (messages.length > 0) {
      // The oldest update of the tick: how late this process got round to sending it.
      if (measuring) sendLags.push(performance.timeOrigin + performance.now() - (startedAt + ((sent - messages.length) / options.ratePerSec) * 1000));
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
  return {
    ...latencySummary(delays),
    sent,
    achievedRatePerSec: sent / sendSeconds,
    published: delays.length + warmupDelays.length,
    readBack: latencySummary(readBackDelays),
    readerLag: latencySummary(readerLags),
    sendLag: latencySummary(sendLags),
    measuredFrom: startedAt + options.warmupSeconds * 1000,
    perHalfSecond: [...halfSeconds].map((half = []) => latencySummary(half)),
    warmup: { updates: warmupDelays.length, ...latencySummary(warmupDelays) },
  };
}
