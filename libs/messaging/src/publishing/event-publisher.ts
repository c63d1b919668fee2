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
        const messages: Message[] = events.map((event) => ({
          key: event.key,
          value: encode(event.value),
          headers: this.headersFor(event),
        }));
        return this.producer.send({ topic, messages });
      },
    );
  }

  private headersFor(event: OutboundEvent<unknown>): StringHeaders {
    const inbound = currentCorrelation();
    const options = event.options ?? {};
    const headers: StringHeaders = {
      ...options.headers,
      [MessageHeader.MessageId]: randomUUID(),
      [MessageHeader.CorrelationId]: options.correlationId ?? inbound?.correlationId ?? event.key,
      [MessageHeader.Producer]: this.producerName,
      [MessageHeader.OccurredAt]: new Date().toISOString(),
    };
    const causationId = options.causationId ?? inbound?.causationId;
    if (causationId) headers[MessageHeader.CausationId] = causationId;
    if (options.idempotencyKey) headers[MessageHeader.IdempotencyKey] = options.idempotencyKey;
    injectTraceHeaders(headers);
    return headers;
  }
}
