import { Topics } from '@crossdock/contracts';
import { monotonicMs, withTimeout } from '../lib/clock';
import { cpuSince, cpuSnapshot } from '../lib/cpu';
import type { BackboneSession } from './backbone-session';
import { BenchHeader } from './consumer-worker.protocol';
import { orderEvents } from './order-events';

export interface ThroughputOptions {
  readonly messages: number;
  /** Events per publishMany call: one produce request, spread over the topic's partitions. */
  readonly batchSize: number;
  /** Bound on the whole measurement (publish + drain). */
  readonly timeoutMs: number;
}

export interface ThroughputResult {
  readonly messages: number;
  /** Every publishMany acknowledged (acks=all, idempotent producer), from the first send. */
  readonly publishPerSec: number;
  /** From the first send to the last message decoded by the forked consumer. */
  readonly endToEndPerSec: number;
  /** Framed Avro value bytes per second end to end, in MiB/s like Kafka's "MB/sec". */
  readonly endToEndMBps: number;
  readonly publishSeconds: number;
  readonly endToEndSeconds: number;
  /** Consumer saw a decoded orderId that was not the key; must be 0. */
  readonly mismatches: number;
  /** CPU of the producer process while publishing, in cores: near 1.0 means its event loop was the limit. */
  readonly producerCpuCores: number;
  /** CPU of the consumer process from its first to its last decoded message, in cores. */
  readonly consumerCpuCores: number;
  /** CPU of the whole machine from first send to last decode, in cores (of os.cpus().length). */
  readonly machineCpuCores: number;
}

/**
 * Publishes `messages` order events through EventPublisher (Avro via the registry's schema id, the
 * standard headers) one batch at a time, as a service's hot loop would, and waits for the forked
 * consumer to decode all of them. Batches are awaited in sequence because the idempotent producer
 * allows one request in flight per broker anyway; concurrent sends would only queue inside kafkajs.
 */
export async function measureThroughput(session: BackboneSession, phase: string, options: ThroughputOptions): Promise<ThroughputResult> {
  const { messages, batchSize } = options;
  // Built before the clock starts: the benchmark measures publishing, not fixture construction.
  const batches = Array.from({ length: Math.ceil(messages / batchSize) }, (_, b) =>
    orderEvents(b * batchSize, Math.min(batchSize, messages - b * batchSize), () => ({ [BenchHeader.Phase]: phase })),
  );
  const cpuAtStart = cpuSnapshot();
  const startedAt = cpuAtStart.at;
  for (const [index, batch] of batches.entries()) {
    // The producer retries forever (createIdempotentProducer), so the bound has to be out here.
    const leftMs = options.timeoutMs - (monotonicMs() - startedAt);
    await withTimeout(
      session.publisher.publishMany(Topics.channelOrders, batch),
      Math.max(1, leftMs),
      () => `${phase}: batch ${index + 1} of ${batches.length} not acked`,
    );
  }
  const cpuAtPublished = cpuSnapshot();
  const publishedAt = cpuAtPublished.at;
  const remainingMs = Math.max(5_000, options.timeoutMs - (publishedAt - startedAt));
  const report = await session.consumer.awaitPhase(phase, messages, remainingMs);
  const machine = cpuSince(cpuAtStart);
  const endToEndSeconds = (report.lastDecodedAt - startedAt) / 1_000;
  const publishSeconds = (publishedAt - startedAt) / 1_000;
  return {
    messages,
    publishPerSec: messages / publishSeconds,
    endToEndPerSec: report.received / endToEndSeconds,
    endToEndMBps: report.valueBytes / 2 ** 20 / endToEndSeconds,
    publishSeconds,
    endToEndSeconds,
    mismatches: report.mismatches,
    producerCpuCores: cpuSince(cpuAtStart, cpuAtPublished).processCores,
    consumerCpuCores: report.consumerCpuMs / Math.max(1, report.lastDecodedAt - report.firstDecodedAt),
    machineCpuCores: machine.machineCores,
  };
}
