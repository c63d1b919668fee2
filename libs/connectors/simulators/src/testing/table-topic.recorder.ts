import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { ContractDecoder } from '@crossdock/testing';

export interface TableRecord<T> {
  readonly key: string;
  /** Null for a tombstone. */
  readonly value: T | null;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
}

/**
 * Everything written to a compacted (table) topic, tombstones included, decoded with the
 * contract: libs/testing's TopicRecorder decodes every value and so cannot see deletions.
 */
export class TableTopicRecorder<T> {
  readonly records: TableRecord<T>[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: ContractDecoder,
    private readonly contract: TopicDefinition<T>,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}table-recorder-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.contract, this.namespace), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message, partition }) => {
        const value = message.value === null ? null : (await this.serde.decode(this.contract, message.value)).value;
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]));
        this.records.push({ key: message.key?.toString() ?? '', value, partition, offset: message.offset, headers });
      },
    });
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

  forKey(key: string): TableRecord<T>[] {
    return this.records.filter((record) => record.key === key);
  }

  tombstones(): string[] {
    return this.records.filter((record) => record.value === null).map((record) => record.key);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
