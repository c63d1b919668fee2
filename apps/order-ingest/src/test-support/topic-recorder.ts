import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';

/** Decoded records of one topic, as they arrive, with their keys and trace headers. */
export class TopicRecorder<T> {
  readonly records: Array<{ key: string; value: T; partition: number; offset: string; traceparent: string | undefined }> = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    private readonly contract: TopicDefinition<T>,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}recorder-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.contract, this.namespace), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message, partition }) => {
        const { value } = await this.serde.decode(this.contract, message.value);
        this.records.push({ key: message.key?.toString() ?? '', value, partition, offset: message.offset, traceparent: message.headers?.['traceparent']?.toString() });
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
