import { SpanKind } from '@opentelemetry/api';
import type { Producer } from 'kafkajs';
import type { FeedSink, TombstoneEntry, UpsertEntry } from '@crossdock/connectors/domain';
import { topicName, type TopicDefinition } from '@crossdock/contracts';
import { EventPublisher, MessageHeader } from '@crossdock/messaging';
import { injectTraceHeaders, withSpan } from '@crossdock/observability';

export interface KafkaFeedSinkOptions<TValue> {
  readonly contract: TopicDefinition<TValue>;
  readonly publisher: EventPublisher;
  /** The same idempotent producer the publisher uses, for tombstones. */
  readonly producer: Producer;
  readonly namespace: string;
  readonly producerName: string;
  /** The Kafka key of a value when it is not the batch entry's key (an event feed; see FeedDefinition). */
  readonly publishKey?: (value: TValue) => string;
}

/**
 * Writes a feed's batch to its compacted topic: values through EventPublisher.publishMany (Avro,
 * standard headers, trace context), deletions as tombstones (null value) with the same headers.
 * EventPublisher cannot send a null value, hence the direct producer send for tombstones.
 * Both sends resolve only when Kafka acknowledged them; planBatch guarantees no key is in both.
 */
export class KafkaFeedSink<TValue> implements FeedSink<TValue> {
  constructor(private readonly options: KafkaFeedSinkOptions<TValue>) {}

  /** One span per page, so a page's value and tombstone sends appear together in Jaeger. */
  publish(batch: { readonly upserts: readonly UpsertEntry<TValue>[]; readonly tombstones: readonly TombstoneEntry[] }): Promise<void> {
    const { contract, publisher } = this.options;
    const attributes = {
      'crossdock.feed.topic': contract.key,
      'crossdock.feed.upserts': batch.upserts.length,
      'crossdock.feed.tombstones': batch.tombstones.length,
    };
    return withSpan(`${this.options.producerName} publish ${contract.key}`, { attributes }, async () => {
      if (batch.upserts.length > 0) {
        // Correlation id = the business key, so every version of one record shares it; the
        // idempotency key names the source change, so a page re-published after a crash says so.
        const { publishKey } = this.options;
        const keyOf = (value: TValue, entryKey: string): string => (publishKey ? publishKey(value) : entryKey);
        await publisher.publishMany(
          contract,
          batch.upserts.map((upsert) => {
            const key = keyOf(upsert.value, upsert.key);
            return { key, value: upsert.value, options: { correlationId: key, idempotencyKey: `${upsert.key}#${upsert.seq}` } };
          }),
        );
      }
      if (batch.tombstones.length > 0) await this.publishTombstones(batch.tombstones);
    });
  }

  private publishTombstones(tombstones: readonly TombstoneEntry[]): Promise<unknown> {
    const topic = topicName(this.options.contract, this.options.namespace);
    return withSpan(
      `${this.options.contract.name} send`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': topic,
          'messaging.batch.message_count': tombstones.length,
          'crossdock.tombstones': true,
        },
      },
      () =>
        this.options.producer.send({
          topic,
          messages: tombstones.map((tombstone) => ({
            key: tombstone.key,
            value: null,
            // The headers EventPublisher gives a compacted table's records: the key is the identity.
            headers: injectTraceHeaders({
              [MessageHeader.CorrelationId]: tombstone.key,
              [MessageHeader.IdempotencyKey]: `${tombstone.key}#${tombstone.seq}`,
            }),
          })),
        }),
    );
  }
}
