import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { SpanKind } from '@opentelemetry/api';
import { extractTraceContext, runWithCorrelation, withSpan } from '@crossdock/observability';
import { DeadLetterCode, PoisonMessageError, errorMessage } from '../errors/message-errors';
import { MessageHeader, readHeaders, type StringHeaders } from '../headers/message-headers';
import type { AvroSerde } from '../serde/avro-serde';
import type { TopicDefinition } from '@crossdock/contracts';
import type { DeadLetterSink } from './dead-letter-sink';
import type { InboundMessageMeta, MessageHandlerFn } from './inbound-message';
import { decideOnFailure, type RetryPolicy } from './retry-policy';
import type { ConsumerMetrics } from './consumer-metrics';

export interface ProcessorDeps {
  readonly serde: Pick<AvroSerde, 'decode'>;
  readonly deadLetters: DeadLetterSink;
  readonly retryPolicy: RetryPolicy;
  readonly consumerGroup: string;
  readonly metrics: ConsumerMetrics;
  /** Waits between attempts; resolves early (false) when the consumer is stopping or its group rebalances. */
  readonly pause: (ms: number) => Promise<boolean>;
  /** Where a first failed attempt and a dead-lettering are told, with the error (the service's log). */
  readonly warn?: (message: string) => void;
}

export type ProcessOutcome = 'handled' | 'dead-lettered' | 'interrupted';

export interface RawDelivery {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

/** A delivery whose payload decoded: what the handler gets, and how to run code in its context. */
export interface DecodedDelivery<T> {
  readonly delivery: RawDelivery;
  readonly value: T;
  /** The handler's view of the message for a given attempt. */
  meta(attempt: number): InboundMessageMeta;
  /** Runs `fn` in the message's trace (a consumer span under the producer's) and correlation context. */
  runInContext<R>(attempt: number, fn: () => Promise<R>): Promise<R>;
  /** When the first failure of this delivery happened (for the dead-letter record). */
  firstFailedAt?: number;
}

export type DecodeOutcome<T> = { readonly kind: 'decoded'; readonly decoded: DecodedDelivery<T> } | { readonly kind: 'dead-lettered' | 'interrupted' };

/**
 * Handles one delivery to completion: decode, run the handler inside the producer's trace and the
 * message's correlation context, retry per policy, dead-letter what cannot succeed. Returns only
 * when the offset may be committed ('handled' / 'dead-lettered') or the consumer is stopping.
 */
export async function processDelivery<T>(
  delivery: RawDelivery,
  contract: TopicDefinition<T> | undefined,
  handler: MessageHandlerFn<T> | undefined,
  deps: ProcessorDeps,
  { acceptsTombstones = false }: { acceptsTombstones?: boolean } = {},
): Promise<ProcessOutcome> {
  const started = performance.now();
  if (!contract || !handler) {
    return deadLetterDelivery(delivery, DeadLetterCode.NoHandler, new Error(`no handler for topic ${delivery.topic}`), 0, deps);
  }
  const outcome = await decodeDelivery(delivery, contract, deps, { acceptsTombstones });
  if (outcome.kind !== 'decoded') return outcome.kind;
  const { decoded } = outcome;

  for (let attempt = 1; ; attempt++) {
    try {
      await decoded.runInContext(attempt, () => handler(decoded.value, decoded.meta(attempt)));
      deps.metrics.handled(delivery.topic, (performance.now() - started) / 1000);
      return 'handled';
    } catch (error) {
      decoded.firstFailedAt ??= Date.now();
      const decision = decideOnFailure(error, attempt, deps.retryPolicy);
      if (decision.kind === 'dead-letter') {
        const code = error instanceof PoisonMessageError ? error.code : attempt > 1 ? DeadLetterCode.RetriesExhausted : DeadLetterCode.Rejected;
        return deadLetterDelivery(delivery, code, error, attempt, deps, decoded.firstFailedAt);
      }
      // The first failure only: an outage retries for as long as it lasts, the metrics count every attempt.
      if (attempt === 1) deps.warn?.(`${where(delivery)} failed, retrying in ${decision.delayMs} ms: ${errorMessage(error)}`);
      deps.metrics.retried(delivery.topic);
      if (!(await deps.pause(decision.delayMs))) return 'interrupted';
    }
  }
}

/**
 * Decodes a delivery against its contract. Decoding is deterministic: it fails for good (poison,
 * dead-lettered here) or because the registry is away (transient, retried until it is back).
 */
export async function decodeDelivery<T>(
  delivery: RawDelivery,
  contract: TopicDefinition<T>,
  deps: ProcessorDeps,
  { acceptsTombstones = false }: { acceptsTombstones?: boolean } = {},
): Promise<DecodeOutcome<T>> {
  const { message } = delivery;
  // The handler opted in to deletions and declared its payload nullable.
  const tombstone = message.value === null && acceptsTombstones;
  let firstFailedAt: number | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const decoded = tombstone ? { value: null as T, schemaId: 0 } : await deps.serde.decode(contract, message.value ?? null);
      const result = inContext(delivery, contract, decoded.value, decoded.schemaId, tombstone, deps.consumerGroup);
      if (firstFailedAt !== undefined) result.firstFailedAt = firstFailedAt;
      return { kind: 'decoded', decoded: result };
    } catch (error) {
      firstFailedAt ??= Date.now();
      const decision = decideOnFailure(error, attempt, { ...deps.retryPolicy, maxAttempts: Number.POSITIVE_INFINITY });
      if (decision.kind === 'dead-letter') {
        const code = error instanceof PoisonMessageError ? error.code : DeadLetterCode.MalformedPayload;
        return { kind: await deadLetterDelivery(delivery, code, error, attempt, deps, firstFailedAt) };
      }
      deps.metrics.retried(delivery.topic);
      if (!(await deps.pause(decision.delayMs))) return { kind: 'interrupted' };
    }
  }
}

/** Sends the delivery's original bytes and headers to the dead-letter topic with the reason. */
export async function deadLetterDelivery(
  { topic, partition, message }: RawDelivery,
  code: string,
  error: unknown,
  attempts: number,
  deps: ProcessorDeps,
  firstFailedAt: number = Date.now(),
): Promise<'dead-lettered'> {
  await deps.deadLetters.send({
    sourceTopic: topic,
    partition,
    offset: message.offset,
    key: message.key ?? null,
    value: message.value ?? null,
    headers: readHeaders(message.headers),
    errorCode: code,
    errorMessage: errorMessage(error),
    errorDetail: error instanceof Error && error.stack ? error.stack : null,
    consumerGroup: deps.consumerGroup,
    attempts,
    firstFailedAt,
    failedAt: Date.now(),
    sourceTimestamp: Number.isFinite(Number(message.timestamp)) ? Number(message.timestamp) : null,
  });
  deps.metrics.deadLettered(topic, code);
  deps.warn?.(`${where({ topic, partition, message })} dead-lettered as ${code} after ${attempts} attempts: ${errorMessage(error)}`);
  return 'dead-lettered';
}

function where({ topic, partition, message }: RawDelivery): string {
  return `${topic}[${partition}]@${message.offset}`;
}

function inContext<T>(
  delivery: RawDelivery,
  contract: TopicDefinition<T>,
  value: T,
  schemaId: number,
  tombstone: boolean,
  consumerGroup: string,
): DecodedDelivery<T> {
  const { topic, partition, message } = delivery;
  const headers: StringHeaders = readHeaders(message.headers);
  const correlationId = headers[MessageHeader.CorrelationId] ?? message.key?.toString() ?? randomUUID();
  const messageId = headers[MessageHeader.MessageId] ?? `${topic}/${partition}/${message.offset}`;
  const key = message.key?.toString() ?? null;
  const meta = (attempt: number): InboundMessageMeta => ({
    topic,
    partition,
    offset: message.offset,
    key,
    headers,
    timestamp: message.timestamp,
    schemaId,
    messageId,
    correlationId,
    tombstone,
    attempt,
  });
  return {
    delivery,
    value,
    meta,
    runInContext: (attempt, fn) =>
      runWithCorrelation({ correlationId, causationId: messageId, idempotencyKey: headers[MessageHeader.IdempotencyKey] }, () =>
        withSpan(
          `${contract.name} process`,
          {
            kind: SpanKind.CONSUMER,
            parent: extractTraceContext(headers),
            attributes: {
              'messaging.system': 'kafka',
              'messaging.operation.type': 'process',
              'messaging.destination.name': topic,
              'messaging.destination.partition.id': String(partition),
              'messaging.kafka.offset': Number(message.offset),
              'messaging.kafka.message.key': key ?? '',
              'messaging.consumer.group.name': consumerGroup,
              'messaging.message.id': messageId,
              'crossdock.attempt': attempt,
            },
          },
          fn,
        ),
      ),
  };
}
