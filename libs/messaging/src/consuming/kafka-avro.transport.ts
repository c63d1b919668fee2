import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { AvroSerde } from '../serde/avro-serde';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { DeadLetterSink } from './dead-letter-sink';
import type { ConsumerMetrics } from './consumer-metrics';
import { KafkaEventContext } from './kafka-event.context';
import { processDelivery, type ProcessorDeps } from './message-processor';
import { processBatch } from './batch-processor';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import type { BatchHandlerFn, InboundMessageMeta, MessageHandlerFn } from './inbound-message';
import { PendingOffsets, type PartitionOffset } from './pending-offsets';

// kafkajs heartbeats at most every 3 s (its heartbeatInterval) and the session lasts 30 s.
const HEARTBEAT_SLICE_MS = 1_000;

interface Route {
  readonly contract: TopicDefinition;
  readonly handler: MessageHandlerFn<unknown>;
  readonly acceptsTombstones: boolean;
  /** Set for `@OnEventBatch` handlers: at most `size` consecutive messages per call. */
  readonly batch?: { readonly size: number; readonly handler: BatchHandlerFn<unknown> };
}

export interface KafkaAvroTransportOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly namespace: string;
  /** The contracts this service may consume, looked up by the pattern of `@EventPattern`. */
  readonly contracts: Readonly<Record<string, TopicDefinition>>;
  readonly serde: AvroSerde;
  readonly deadLetters: DeadLetterSink;
  readonly metrics: ConsumerMetrics;
  readonly retryPolicy?: RetryPolicy;
  /**
   * Handled offsets are committed in the background once this many messages (default 500) or this
   * much time (default 1 s) have passed since the last commit, and always on shutdown: a crash
   * replays at most that much, which idempotent handlers absorb.
   */
  readonly commitEveryMessages?: number;
  readonly commitIntervalMs?: number;
  readonly fromBeginning?: boolean;
  /** How long the group waits for a heartbeat before removing the member (kafkajs default 30 s). */
  readonly sessionTimeoutMs?: number;
  /**
   * Partitions handled at once (order within each partition is kept). More than one lets a
   * service overlap database round trips of different partitions; keys never cross partitions.
   */
  readonly partitionsConsumedConcurrently?: number;
  /**
   * The consumer stopped for good: kafkajs restarts it after a retriable failure, not after others
   * (seen: a topic-partition the broker does not host yet while it recovers from a restart). Default:
   * log and end the process with exit code 1, so its orchestrator starts it again; a service that
   * no longer consumes must not look alive. Nothing is lost: offsets are committed after handling.
   */
  readonly onConsumerLost?: (error: Error) => void;
}

/**
 * A Nest transport over kafkajs with the guarantees the built-in Kafka transport does not give:
 * offsets are committed only after a message was handled or dead-lettered (in the background, so
 * the next fetch does not wait for a commit round trip; see PendingOffsets), messages of a partition
 * are handled in order, failures retry with backoff and then go to the service's dead-letter topic
 * with their original bytes, and shutdown finishes the message in hand before leaving the group.
 */
export class KafkaAvroTransport extends Server implements CustomTransportStrategy {
  private consumer: Consumer | undefined;
  private stopping = false;
  private readonly wakeUps = new Set<() => void>();
  private readonly pending: PendingOffsets;
  private committing: Promise<void> | undefined;
  private commitTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: KafkaAvroTransportOptions) {
    super();
    this.pending = new PendingOffsets({ everyMessages: options.commitEveryMessages ?? 500, intervalMs: options.commitIntervalMs ?? 1_000 });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakeUps) wake();
    clearInterval(this.commitTimer);
    const consumer = this.consumer;
    if (consumer) {
      // What earlier batches handled, committed while the consumer still runs; a batch in hand commits its own when it stops.
      await this.commitAllPending((offsets) => consumer.commitOffsets([...offsets]));
    }
    // kafkajs waits for the running eachBatch to return before it leaves the group.
    await consumer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaAvroTransport emits no events; use its metrics and logs');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('KafkaAvroTransport is not listening yet');
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { kafka, groupId, namespace, contracts } = this.options;
    const byTopic = new Map<string, Route>();
    for (const pattern of this.messageHandlers.keys()) {
      const contract = contracts[pattern];
      if (!contract) throw new Error(`@EventPattern('${pattern}') names no topic in the catalog`);
      const extras = this.getHandlerByPattern(pattern)?.extras ?? {};
      const batchSize = typeof extras['batchSize'] === 'number' ? extras['batchSize'] : undefined;
      byTopic.set(topicName(contract, namespace), {
        contract,
        handler: this.nestHandler(pattern),
        acceptsTombstones: extras['tombstones'] === true,
        ...(batchSize ? { batch: { size: batchSize, handler: this.nestHandler(pattern) } } : {}),
      });
    }
    if (byTopic.size === 0) throw new Error('KafkaAvroTransport started without any @EventPattern handler');

    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      retry: { retries: 10 },
      ...(this.options.sessionTimeoutMs ? { sessionTimeout: this.options.sessionTimeoutMs } : {}),
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => this.pending.rejoined());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopping) return;
      (this.options.onConsumerLost ?? ((error: Error) => this.exitOnConsumerLost(error)))(payload.error);
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: this.options.fromBeginning ?? true });
    const deps = this.processorDeps();
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.consumeBatch(payload, byTopic, deps),
    });
    const intervalMs = this.options.commitIntervalMs ?? 1_000;
    this.commitTimer = setInterval(
      () => {
        if (!this.committing && !this.stopping && this.pending.due()) void this.commitPending((offsets) => consumer.commitOffsets([...offsets]));
      },
      Math.max(10, intervalMs / 4),
    );
    this.commitTimer.unref();
  }

  private exitOnConsumerLost(error: Error): void {
    this.logger.error(`the Kafka consumer stopped for good (${error.name}: ${error.message}); exiting so the service is started again`);
    process.exit(1);
  }

  private async consumeBatch(payload: EachBatchPayload, byTopic: Map<string, Route>, shared: ProcessorDeps): Promise<void> {
    const { batch } = payload;
    // Retries wait heartbeating: a member that goes quiet for the session timeout while the schema
    // registry or the database is down is removed from the group, its partitions are reassigned,
    // and it keeps handling them anyway until it notices.
    const deps: ProcessorDeps = { ...shared, pause: (ms) => this.pause(ms, () => payload.heartbeat()) };
    const route = byTopic.get(batch.topic);
    // Through the batch payload, which (unlike consumer.commitOffsets) still commits while stopping.
    const commit = (offsets: readonly PartitionOffset[]): Promise<void> => payload.commitOffsetsIfNecessary({ topics: byTopicPartitions(offsets) });
    const step = route?.batch?.size ?? 1;
    // What this batch handles counts only while the consumer keeps the membership it was fetched under.
    const membership = this.pending.membership;
    for (let i = 0; i < batch.messages.length; i += step) {
      // Stopping or rebalanced: leave the rest of the batch for whoever owns the partition next.
      if (!payload.isRunning() || payload.isStale() || this.stopping) break;
      const chunk = batch.messages.slice(i, i + step);
      const deliveries = chunk.map((message) => ({ topic: batch.topic, partition: batch.partition, message }));
      this.observeLag(batch.topic, chunk, deps);
      const options = { acceptsTombstones: route?.acceptsTombstones ?? false };
      const outcome =
        route?.batch !== undefined
          ? await processBatch(deliveries, route.contract, route.batch.handler, deps, options)
          : await processDelivery(deliveries[0] as (typeof deliveries)[0], route?.contract, route?.handler, deps, options);
      if (outcome === 'interrupted') break;
      const last = chunk[chunk.length - 1]?.offset as string;
      payload.resolveOffset(last);
      this.pending.handled(batch.topic, batch.partition, last, chunk.length, membership);
      if (!this.committing && this.pending.due()) void this.commitPending(commit);
      await payload.heartbeat();
    }
    if (this.stopping || !payload.isRunning()) await this.commitAllPending(commit);
  }

  /** Shutdown: after the commit in flight, everything still pending. */
  private async commitAllPending(commit: (offsets: readonly PartitionOffset[]) => Promise<unknown>): Promise<void> {
    await this.committing;
    await this.commitPending(commit);
  }

  /** Commits what is pending, one commit at a time; a failed one leaves its offsets pending for the next. */
  private commitPending(commit: (offsets: readonly PartitionOffset[]) => Promise<unknown>): Promise<void> {
    if (this.pending.isEmpty()) return Promise.resolve();
    const taken = this.pending.take();
    const run: Promise<void> = commit(taken.offsets)
      .then(
        () => undefined,
        () => {
          this.pending.restore(taken);
          this.options.metrics.commitFailed();
        },
      )
      .finally(() => {
        if (this.committing === run) this.committing = undefined;
      });
    this.committing = run;
    return run;
  }

  // A record without a usable timestamp (none, or -1 from an old producer) is not counted rather than counted wrong.
  private observeLag(topic: string, messages: readonly KafkaMessage[], deps: ProcessorDeps): void {
    const takenAt = Date.now();
    for (const message of messages) {
      const timestamp = Number(message.timestamp);
      if (timestamp > 0) deps.metrics.received(topic, Math.max(0, takenAt - timestamp) / 1000);
    }
  }

  /** Calls the Nest handler; a batch handler gets its items as payload and no single message context. */
  private nestHandler(pattern: string): (payload: unknown, meta?: InboundMessageMeta) => Promise<void> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`no handler registered for ${pattern}`);
    return async (payload, meta) => {
      const result = await handler(payload, meta ? new KafkaEventContext([meta]) : undefined);
      await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    };
  }

  private processorDeps(): ProcessorDeps {
    return {
      serde: this.options.serde,
      deadLetters: this.options.deadLetters,
      retryPolicy: this.options.retryPolicy ?? defaultRetryPolicy,
      consumerGroup: this.options.groupId,
      metrics: this.options.metrics,
      pause: (ms) => this.pause(ms),
      warn: (message) => this.logger.warn(message),
    };
  }

  /** Waits `ms`, heartbeating; false when the service stops or the group rebalances meanwhile. */
  private async pause(ms: number, heartbeat?: () => Promise<void>): Promise<boolean> {
    const until = Date.now() + ms;
    for (;;) {
      const left = until - Date.now();
      if (left <= 0) return !this.stopping;
      if (!(await this.sleep(Math.min(left, HEARTBEAT_SLICE_MS)))) return false;
      try {
        await heartbeat?.();
      } catch {
        // Rebalancing or removed from the group: the batch gives its partition up, kafkajs rejoins.
        return false;
      }
    }
  }

  private sleep(ms: number): Promise<boolean> {
    if (this.stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.wakeUps.delete(wake);
        resolve(!this.stopping);
      };
      const timer = setTimeout(wake, ms);
      this.wakeUps.add(wake);
    });
  }
}

function byTopicPartitions(offsets: readonly PartitionOffset[]): Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> {
  const topics = new Map<string, Array<{ partition: number; offset: string }>>();
  for (const { topic, partition, offset } of offsets) {
    const partitions = topics.get(topic);
    if (partitions) partitions.push({ partition, offset });
    else topics.set(topic, [{ partition, offset }]);
  }
  return [...topics].map(([topic, partitions]) => ({ topic, partitions }));
}
