import { MessageHeader } from '../headers/message-headers';
import type { DeadLetterEntry, DeadLetterSink } from '../consuming/dead-letter-sink';
import type { DeadLetter, TopicDefinition } from '@crossdock/contracts';
import type { EventPublisher } from './event-publisher';

const MAX_DETAIL = 4_000;

/** Writes to the consuming service's own dead-letter topic: one writer per topic, as everywhere. */
export class DeadLetterPublisher implements DeadLetterSink {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly contract: TopicDefinition<DeadLetter>,
  ) {}

  async send(entry: DeadLetterEntry): Promise<void> {
    const key = `${entry.sourceTopic}/${entry.partition}/${entry.offset}`;
    await this.publisher.publish(this.contract, key, toRecord(entry), {
      correlationId: entry.headers[MessageHeader.CorrelationId] ?? key,
      causationId: entry.headers[MessageHeader.MessageId] ?? key,
      // Dead-lettering the same record twice (a crash before the commit) is recognisable by this key.
      idempotencyKey: `dead-letter:${key}`,
    });
  }
}

export function toRecord(entry: DeadLetterEntry): DeadLetter {
  return {
    sourceTopic: entry.sourceTopic,
    partition: entry.partition,
    offset: Number(entry.offset),
    sourceTimestamp: entry.sourceTimestamp,
    key: entry.key,
    value: entry.value,
    headers: entry.headers,
    valueSchemaId: schemaIdOf(entry.value),
    errorCode: entry.errorCode,
    errorMessage: entry.errorMessage,
    errorDetail: entry.errorDetail?.slice(0, MAX_DETAIL) ?? null,
    consumerGroup: entry.consumerGroup,
    attempts: entry.attempts,
    firstFailedAt: entry.attempts > 1 ? entry.firstFailedAt : null,
    failedAt: entry.failedAt,
    traceId: entry.headers[MessageHeader.TraceParent]?.split('-')[1] ?? null,
  };
}

function schemaIdOf(value: Buffer | null): number | null {
  return value && value.length >= 5 && value.readUInt8(0) === 0 ? value.readUInt32BE(1) : null;
}
