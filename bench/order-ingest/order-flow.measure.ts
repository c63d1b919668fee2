import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, Topics, type ChannelOrder, type OrderAccepted } from '@crossdock/contracts';
import type { AvroSerde, EventPublisher } from '@crossdock/messaging';
import { sampleChannelOrder } from '@crossdock/testing';
import { monotonicMs, sleep } from '../lib/clock';
import { latencySummary } from '../lib/stats';

/** Watches OrderAccepted and notes when each order's acceptance was decoded (monotonic ms). */
export class AcceptedWatcher {
  readonly acceptedAt = new Map<string, number>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}bench-accepted-${randomUUID()}`, maxWaitTimeInMs: 20 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(Topics.ordersAccepted, this.namespace), fromBeginning: true });
    await this.consumer.run({
      // A throw-away group that reads from the beginning needs no offsets; kafkajs would otherwise commit
      // after every batch and wait for it before fetching again, which the broker and the latency pay for.
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const { value } = await this.serde.decode<OrderAccepted>(Topics.ordersAccepted, message.value);
          if (!this.acceptedAt.has(value.orderId)) this.acceptedAt.set(value.orderId, monotonicMs());
        }
      },
    });
  }

  async waitFor(orderIds: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = monotonicMs() + timeoutMs;
    while (orderIds.some((id) => !this.acceptedAt.has(id))) {
      if (monotonicMs() > deadline) {
        const missing = orderIds.filter((id) => !this.acceptedAt.has(id)).length;
        throw new Error(`${missing} of ${orderIds.length} orders not accepted within ${timeoutMs} ms`);
      }
      await sleep(20);
    }
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
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
  await watcher.waitFor(
    orders.map((o) => o.orderId),
    timeoutMs,
  );
  const last = Math.max(...orders.map((o) => watcher.acceptedAt.get(o.orderId) ?? 0));
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

/**
 * Open loop at `ratePerSec`: every 10 ms the orders due are published in one batch; latency runs
 * from each order's scheduled time (not its send time) to its acceptance being consumed, so a
 * lagging sender cannot hide latency.
 */
export async function measureLatency(
  publisher: EventPublisher,
  watcher: AcceptedWatcher,
  label: string,
  ratePerSec: number,
  seconds: number,
): Promise<LatencyResult> {
  const total = Math.round(ratePerSec * seconds);
  const scheduled = new Map<string, number>();
  const started = monotonicMs();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((monotonicMs() - started) / 1000) * ratePerSec) + 1);
    const batch: ChannelOrder[] = [];
    for (; sent < due; sent++) {
      const order = benchOrder(`${label}-${sent}`);
      scheduled.set(order.orderId, started + (sent / ratePerSec) * 1000);
      batch.push(order);
    }
    if (batch.length > 0)
      await publisher.publishMany(
        Topics.channelOrders,
        batch.map((o) => ({ key: o.orderId, value: o })),
      );
    await sleep(10);
  }
  const sendSeconds = (monotonicMs() - started) / 1000;
  await watcher.waitFor([...scheduled.keys()], 120_000);
  const latencies = [...scheduled].map(([id, at]) => (watcher.acceptedAt.get(id) ?? Number.NaN) - at);
  return {
    targetPerSec: ratePerSec,
    achievedPerSec: total / sendSeconds,
    ...latencySummary(latencies),
  };
}
