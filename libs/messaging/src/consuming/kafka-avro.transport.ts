import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { AvroSerde } from '../serde/avro-serde';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { DeadLetterSink } from './dead-letter-sink';
import type { ConsumerMetrics } from './consumer-metrics';
import { KafkaEventContext } from './kafka-event.context';
import { processDelivery, type ProcessorDeps } from './message-processor';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import type { MessageHandlerFn } from './inbound-message';

interface Route {
  readonly contract: TopicDefinition;
  readonly handler: MessageHandlerFn<unknown>;
  readonly acceptsTombstones: boolean;
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
  /** Commit at least this often inside a long batch, so a crash replays little. */
  readonly commitEveryMessages?: number;
  readonly fromBeginning?: boolean;
}

/**
 * A Nest transport over kafkajs with the guarantees the built-in Kafka transport does not give:
 * offsets are committed only after a message was handled or dead-lettered, messages of a partition
 * are handled in order, failures retry with backoff and then go to the service's dead-letter topic
 * with their original bytes, and shutdown finishes the message in hand before leaving the group.
 */
export class KafkaAvroTransport extends Server implements CustomTransportStrategy {
  private consumer: Consumer | undefined;
  private stopping = false;
  private readonly wakeUps = new Set<() => void>();

  constructor(private readonly options: KafkaAvroTransportOptions) {
    super();
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
    // kafkajs waits for the running eachBatch to return before it leaves the group.
    await this.consumer?.disconnect();
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
      const acceptsTombstones = this.getHandlerByPattern(pattern)?.extras?.['tombstones'] === true;
      byTopic.set(topicName(contract, namespace), { contract, handler: this.nestHandler(pattern), acceptsTombstones });
    }
    if (byTopic.size === 0) throw new Error('KafkaAvroTransport started without any @EventPattern handler');

    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 10 } });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: this.options.fromBeginning ?? true });
    const deps = this.processorDeps();
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.consumeBatch(payload, byTopic, deps),
    });
  }

  private async consumeBatch(
    payload: EachBatchPayload,
    byTopic: Map<string, Route>,
    deps: ProcessorDeps,
  ): Promise<void> {
    const { batch } = payload;
    const route = byTopic.get(batch.topic);
    const commitEvery = this.options.commitEveryMessages ?? 500;
    let handledSinceCommit: string | undefined;
    let count = 0;
    for (const message of batch.messages) {
      // Stopping or rebalanced: leave the rest of the batch for whoever owns the partition next.
      if (!payload.isRunning() || payload.isStale() || this.stopping) break;
      const outcome = await processDelivery({ topic: batch.topic, partition: batch.partition, message }, route?.contract, route?.handler, deps, {
        acceptsTombstones: route?.acceptsTombstones ?? false,
      });
      if (outcome === 'interrupted') break;
      payload.resolveOffset(message.offset);
      handledSinceCommit = message.offset;
      if (++count % commitEvery === 0) {
        await this.commit(payload, batch, handledSinceCommit);
        handledSinceCommit = undefined;
      }
      await payload.heartbeat();
    }
    if (handledSinceCommit !== undefined) await this.commit(payload, batch, handledSinceCommit);
  }

  /** Commits through the batch payload, which (unlike consumer.commitOffsets) still works while stopping. */
  private async commit(payload: EachBatchPayload, batch: Batch, offset: string): Promise<void> {
    const next = (BigInt(offset) + 1n).toString();
    await payload.commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }] });
  }

  private nestHandler(pattern: string): MessageHandlerFn<unknown> {
    const handler = this.getHandlerByPattern(pattern);
    if (!handler) throw new Error(`no handler registered for ${pattern}`);
    return async (value, meta) => {
      const result = await handler(value, new KafkaEventContext([meta]));
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
    };
  }

  private pause(ms: number): Promise<boolean> {
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
