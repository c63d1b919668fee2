import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';
import { monotonicMs, sleep } from './clock';

/**
 * Reads a topic from the beginning in a throw-away group and notes when each key (what `keysOf`
 * names in a record: an order id, a package's milestone...) was first decoded, in monotonic ms.
 */
export class TopicWatcher<T> {
  readonly seenAt = new Map<string, number>();
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    private readonly namespace: string,
    private readonly contract: TopicDefinition<T>,
    private readonly keysOf: (value: T) => readonly string[],
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}bench-${this.contract.key}-${randomUUID()}`, maxWaitTimeInMs: 20 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.contract, this.namespace), fromBeginning: true });
    await this.consumer.run({
      // A throw-away group that reads from the beginning needs no offsets; kafkajs would otherwise commit
      // after every batch and wait for it before fetching again, which the broker and the latency pay for.
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const { value } = await this.serde.decode<T>(this.contract, message.value);
          const at = monotonicMs();
          for (const key of this.keysOf(value)) if (!this.seenAt.has(key)) this.seenAt.set(key, at);
        }
      },
    });
  }

  /** Resolves when every key was seen; fails naming how many were not after `timeoutMs`. */
  async waitFor(keys: readonly string[], timeoutMs: number): Promise<void> {
    const deadline = monotonicMs() + timeoutMs;
    while (keys.some((key) => !this.seenAt.has(key))) {
      if (monotonicMs() > deadline) {
        const missing = keys.filter((key) => !this.seenAt.has(key)).length;
        throw new Error(`${missing} of ${keys.length} ${this.contract.key} records not seen within ${timeoutMs} ms`);
      }
      await sleep(20);
    }
  }

  /** When the last of `keys` was seen (call after waitFor). */
  lastSeen(keys: readonly string[]): number {
    return Math.max(...keys.map((key) => this.seenAt.get(key) ?? Number.NaN));
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
