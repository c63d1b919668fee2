import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { ContractDecoder } from './dead-letter.reader';

export interface RecordedMessage<T> {
  readonly key: string;
  readonly value: T;
  readonly partition: number;
  readonly offset: string;
  readonly headers: Record<string, string>;
}

/** Decoded records of one topic as they arrive, with keys and headers, for integration-test assertions. */
export class TopicRecorder<T> {
  readonly records: RecordedMessage<T>[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: ContractDecoder,
    private readonly contract: TopicDefinition<T>,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    // A group of its own per recorder: it must see every record, whoever else consumes the topic.
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}recorder-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.contract, this.namespace), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message, partition }) => {
        const { value } = await this.serde.decode(this.contract, message.value);
        const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]));
        this.records.push({ key: message.key?.toString() ?? '', value, partition, offset: message.offset, headers });
      },
    });
  }

  values(): T[] {
    return this.records.map((r) => r.value);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
