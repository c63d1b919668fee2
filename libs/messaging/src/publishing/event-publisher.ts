import { randomUUID } from 'node:crypto';
import type { Message, Producer, RecordMetadata } from 'kafkajs';
import { SpanKind } from '@opentelemetry/api';
import { currentCorrelation, injectTraceHeaders, withSpan } from '@crossdock/observability';
import { MessageHeader, type StringHeaders } from '../headers/message-headers';
import type { AvroSerde } from '../serde/avro-serde';
import { topicName, type TopicDefinition } from '@crossdock/contracts';

export interface PublishOptions {
  /** Defaults to the correlation id of the message being handled, else the key. */
  readonly correlationId?: string;
  /** Defaults to the id of the message being handled: what caused this one. */
  readonly causationId?: string;
  /** Lets consumers recognise a re-publication of the same business fact. */
  readonly idempotencyKey?: string;
  /**
   * The W3C trace this event belongs to, when that is not the trace being worked in: an outbox relay
   * sending many orders' events at once gives each its own order's trace, so that whoever consumes it
   * joins that order's trace rather than the batch's.
   */
  readonly traceparent?: string;
  readonly headers?: StringHeaders;
}

export interface OutboundEvent<T> {
  readonly key: string;
  readonly value: T;
  readonly options?: PublishOptions;
}

/**
 * Publishes Avro events with the standard headers, inside a producer span whose context travels
 * in `traceparent`, so the consumer's span joins the same trace.
 */
export class EventPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly serde: AvroSerde,
    private readonly namespace: string,
    private readonly producerName: string,
  ) {}

  async publish<T>(contract: TopicDefinition<T>, key: string, value: T, options: PublishOptions = {}): Promise<RecordMetadata[]> {
    return this.publishMany(contract, [{ key, value, options }]);
  }

  /** One round trip for many events; order is preserved per key (same partition). */
  async publishMany<T>(contract: TopicDefinition<T>, events: readonly OutboundEvent<T>[]): Promise<RecordMetadata[]> {
    if (events.length === 0) return [];
    const topic = topicName(contract, this.namespace);
    const encode = await this.serde.encoder(contract);
    return withSpan(
      `${contract.name} send`,
      {
        kind: SpanKind.PRODUCER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'send',
          'messaging.destination.name': topic,
          'messaging.batch.message_count': events.length,
          ...(events.length === 1 ? { 'messaging.kafka.message.key': events[0]?.key ?? '' } : {}),
        },
      },
      () => {
        // One instant for the batch: it is handed to Kafka at once, and a date per record costs more than its Avro body.
        const occurredAt = new Date().toISOString();
        const messages: Message[] = events.map((event) => ({
          key: event.key,
          value: encode(event.value),
          headers: this.headersFor(contract, event, occurredAt),
        }));
        return this.producer.send({ topic, messages });
      },
    );
  }

  /**
   * An event carries its own identity (message id, producer, time), so a consumer can recognise a
   * re-publication. A record of a compacted table does not need them: its key and version are its
   * identity, the catalog names its one writer and the value carries its time, while it is the
   * highest-volume kind of record (one per channel account and SKU change), where five headers
   * cost more than the value itself. Both carry correlation, causation and trace context.
   */
  private headersFor(contract: TopicDefinition, event: OutboundEvent<unknown>, occurredAt: string): StringHeaders {
    const inbound = currentCorrelation();
    const options = event.options ?? {};
    const headers: StringHeaders = {
      ...options.headers,
      [MessageHeader.CorrelationId]: options.correlationId ?? inbound?.correlationId ?? event.key,
    };
    if (contract.cleanupPolicy !== 'compact') {
      headers[MessageHeader.MessageId] = randomUUID();
      headers[MessageHeader.Producer] = this.producerName;
      headers[MessageHeader.OccurredAt] = occurredAt;
    }
    const causationId = options.causationId ?? inbound?.causationId;
    if (causationId) headers[MessageHeader.CausationId] = causationId;
    if (options.idempotencyKey) headers[MessageHeader.IdempotencyKey] = options.idempotencyKey;
    if (options.traceparent) headers[MessageHeader.TraceParent] = options.traceparent;
    else injectTraceHeaders(headers);
    return headers;
  }
}
