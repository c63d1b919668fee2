import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { Topics, type ChannelOrder, type OrderAccepted } from '@crossdock/contracts';
import type { AvroSerde, EventPublisher } from '@crossdock/messaging';
import { sampleChannelOrder } from '@crossdock/testing';
import { monotonicMs } from '../lib/clock';
import { runOpenLoop } from '../lib/open-loop';
import { latencySummary } from '../lib/stats';
import { TopicWatcher } from '../lib/topic.watcher';

/** Notes when each order's acceptance was decoded (monotonic ms), by order id. */
export class AcceptedWatcher extends TopicWatcher<OrderAccepted> {
  constructor(kafka: Kafka, serde: AvroSerde, namespace: string) {
    super(kafka, serde, namespace, Topics.ordersAccepted, (accepted) => [accepted.orderId]);
  }
}

/** A valid three-line Shopify order with its own ids. */
export function benchOrder(id: string): ChannelOrder {
  return sampleChannelOrder({ channelOrderId: id, orderId: `SHOPIFY:acme-outdoor:${id}`, eventId: randomUUID() });
}

export interface SustainedResult {
  readonly orders: number;
  readonly seconds: number;
  readonly ordersPerSec: number;
}

/** Publishes `count` orders as fast as the publisher goes (batches of 500); published -> every acceptance consumed. */
export async function measureSustained(
  publisher: EventPublisher,
  watcher: AcceptedWatcher,
  label: string,
  count: number,
  timeoutMs: number,
): Promise<SustainedResult> {
  const orders = Array.from({ length: count }, (_, i) => benchOrder(`${label}-${i}`));
  const started = monotonicMs();
  for (let i = 0; i < orders.length; i += 500) {
    await publisher.publishMany(
      Topics.channelOrders,
      orders.slice(i, i + 500).map((o) => ({ key: o.orderId, value: o })),
    );
  }
  const ids = orders.map((o) => o.orderId);
  await watcher.waitFor(ids, timeoutMs);
  const last = watcher.lastSeen(ids);
  const seconds = (last - started) / 1000;
  return { orders: count, seconds, ordersPerSec: count / seconds };
}

export interface LatencyResult {
  readonly targetPerSec: number;
  readonly achievedPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Open loop at `ratePerSec` (runOpenLoop); latency from each order's scheduled time to its acceptance consumed. */
export async function measureLatency(
  publisher: EventPublisher,
  watcher: AcceptedWatcher,
  label: string,
  ratePerSec: number,
  seconds: number,
): Promise<LatencyResult> {
  const total = Math.round(ratePerSec * seconds);
  const orders = Array.from({ length: total }, (_, i) => benchOrder(`${label}-${i}`));
  const run = await runOpenLoop(ratePerSec, total, (indices) =>
    publisher.publishMany(
      Topics.channelOrders,
      indices.map((i) => orders[i] as ChannelOrder).map((o) => ({ key: o.orderId, value: o })),
    ),
  );
  const ids = orders.map((o) => o.orderId);
  await watcher.waitFor(ids, 120_000);
  const latencies = ids.map((id, i) => (watcher.seenAt.get(id) ?? Number.NaN) - (run.scheduledAt[i] ?? Number.NaN));
  return {
    targetPerSec: ratePerSec,
    achievedPerSec: run.achievedPerSec,
    ...latencySummary(latencies),
  };
}
