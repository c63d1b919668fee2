import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { ContractDecoder } from './dead-letter.reader';
import { waitFor } from './wait-for';

export interface RecordedMessage<T> {
  readonly key: string;
  readonly value: T;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
}

/** Reads one topic from the beginning in a group of its own and keeps every record, decoded. */
abstract class RecordingConsumer<T, V> {
  readonly records: RecordedMessage<V>[] = [];
  private consumer: Consumer | undefined;
  /** Per partition, the offset after the last record seen. */
  private readonly nextOffsets = new Map<number, bigint>();

  constructor(
    private readonly kafka: Kafka,
    protected readonly serde: ContractDecoder,
    protected readonly contract: TopicDefinition<T>,
    private readonly namespace: string,
  ) {}

  protected abstract decodeValue(message: KafkaMessage): Promise<V>;

  async start(): Promise<void> {
    // A group of its own per recorder: it must see every record, whoever else consumes the topic.
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}recorder-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.contract, this.namespace), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message, partition }) => {
        const value = await this.decodeValue(message);
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]));
        this.records.push({ key: message.key?.toString() ?? '', value, partition, offset: message.offset, headers });
        this.nextOffsets.set(partition, BigInt(message.offset) + 1n);
      },
    });
  }

  /**
   * Resolves once every record the topic holds at the call has been recorded. What was published
   * before an observable step (an HTTP answer, a file moved after its publish) is then all here, so
   * an absence asserted after it is proven rather than waited for. Producers here are idempotent,
   * not transactional: a partition's records fill its offsets up to the high watermark.
   */
  async caughtUp(timeoutMs = 30_000): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    let ends: Array<{ partition: number; high: string; low: string }>;
    try {
      ends = await admin.fetchTopicOffsets(topicName(this.contract, this.namespace));
    } finally {
      await admin.disconnect();
    }
    await waitFor(
      () => (ends.every(({ partition, high, low }) => high === low || (this.nextOffsets.get(partition) ?? 0n) >= BigInt(high)) ? true : undefined),
      {
        timeoutMs,
        what: `the recorder to reach the end of ${this.contract.name}`,
      },
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

/** Decoded records of one topic as they arrive, with keys and headers, for integration-test assertions. */
export class TopicRecorder<T> extends RecordingConsumer<T, T> {
  protected async decodeValue(message: KafkaMessage): Promise<T> {
    return (await this.serde.decode(this.contract, message.value)).value;
  }

  values(): T[] {
    return this.records.map((r) => r.value);
  }
}

/** Everything written to a compacted (table) topic, tombstones (null values) included. */
export class TableTopicRecorder<T> extends RecordingConsumer<T, T | null> {
  protected async decodeValue(message: KafkaMessage): Promise<T | null> {
    return message.value === null ? null : (await this.serde.decode(this.contract, message.value)).value;
  }

  /** The table as a consumer would rebuild it: newest record per key, tombstones removing the key. */
  table(): Map<string, T> {
    const table = new Map<string, T>();
    for (const record of this.records) {
      if (record.value === null) table.delete(record.key);
      else table.set(record.key, record.value);
    }
    return table;
  }

  forKey(key: string): RecordedMessage<T | null>[] {
    return this.records.filter((record) => record.key === key);
  }

  tombstones(): string[] {
    return this.records.filter((record) => record.value === null).map((record) => record.key);
  }
}
