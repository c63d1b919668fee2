import type { Consumer, Kafka } from 'kafkajs';
import { topicName, type DeadLetter, type TopicDefinition } from '@crossdock/contracts';

/** The decoding half of messaging's AvroSerde; structural, so testing does not depend on messaging. */
export interface ContractDecoder {
  decode<T>(contract: TopicDefinition<T>, message: Buffer | null): Promise<{ value: T }>;
}

/** Collects what lands on a dead-letter topic, decoded, for assertions in integration tests. */
export class DeadLetterReader {
  readonly records: DeadLetter[] = [];
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly serde: ContractDecoder,
    private readonly topic: TopicDefinition<DeadLetter>,
    private readonly namespace: string,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `${this.namespace}dead-letter-reader` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.topic, this.namespace), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.records.push((await this.serde.decode(this.topic, message.value)).value);
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
