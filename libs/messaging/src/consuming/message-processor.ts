import { randomUUID } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { SpanKind } from '@opentelemetry/api';
import { extractTraceContext, runWithCorrelation, withSpan } from '@crossdock/observability';
import { DeadLetterCode, PoisonMessageError, errorMessage } from '../errors/message-errors';
import { MessageHeader, readHeaders } from '../headers/message-headers';
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
  /** Waits between attempts; resolves early (false) when the consumer is stopping. */
  readonly pause: (ms: number) => Promise<boolean>;
}

export type ProcessOutcome = 'handled' | 'dead-lettered' | 'interrupted';

export interface RawDelivery {
  readonly topic: string;
  readonly partition: number;
  readonly message: KafkaMessage;
}

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
  const { topic, partition, message } = delivery;
  const headers = readHeaders(message.headers);
  const started = performance.now();
  let firstFailedAt: number | undefined;
  const noteFailure = (): void => {
    firstFailedAt ??= Date.now();
  };
  const deadLetter = async (code: string, error: unknown, attempts: number): Promise<ProcessOutcome> => {
    await deps.deadLetters.send({
      sourceTopic: topic,
      partition,
      offset: message.offset,
      key: message.key ?? null,
      value: message.value ?? null,
      headers,
      errorCode: code,
      errorMessage: errorMessage(error),
      errorDetail: error instanceof Error && error.stack ? error.stack : null,
      consumerGroup: deps.consumerGroup,
      attempts,
      firstFailedAt: firstFailedAt ?? Date.now(),
      failedAt: Date.now(),
      sourceTimestamp: Number.isFinite(Number(message.timestamp)) ? Number(message.timestamp) : null,
    });
    deps.metrics.deadLettered(topic, code);
    return 'dead-lettered';
  };

  if (!contract || !handler) return deadLetter(DeadLetterCode.NoHandler, new Error(`no handler for topic ${topic}`), 0);

  const tombstone = message.value === null && acceptsTombstones;
  let decoded: { value: T; schemaId: number };
  for (let attempt = 1; ; attempt++) {
    try {
      if (tombstone) {
        // The handler opted in to deletions and declared its payload nullable.
        decoded = { value: null as T, schemaId: 0 };
        break;
      }
      decoded = await deps.serde.decode(contract, message.value ?? null);
      break;
    } catch (error) {
      noteFailure();
      // Decoding is deterministic: it fails for good (poison) or because the registry is away (transient).
      const decision = decideOnFailure(error, attempt, { ...deps.retryPolicy, maxAttempts: Number.POSITIVE_INFINITY });
      if (decision.kind === 'dead-letter') {
        const code = error instanceof PoisonMessageError ? error.code : DeadLetterCode.MalformedPayload;
        return deadLetter(code, error, attempt);
      }
      deps.metrics.retried(topic);
      if (!(await deps.pause(decision.delayMs))) return 'interrupted';
    }
  }

  const correlationId = headers[MessageHeader.CorrelationId] ?? message.key?.toString() ?? randomUUID();
  const messageId = headers[MessageHeader.MessageId] ?? `${topic}/${partition}/${message.offset}`;
  const parent = extractTraceContext(headers);

  for (let attempt = 1; ; attempt++) {
    const meta: InboundMessageMeta = {
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString() ?? null,
      headers,
      timestamp: message.timestamp,
      schemaId: decoded.schemaId,
      messageId,
      correlationId,
      tombstone,
      attempt,
    };
    try {
      await runWithCorrelation(
        { correlationId, causationId: messageId, idempotencyKey: headers[MessageHeader.IdempotencyKey] },
        () =>
          withSpan(
            `${contract.name} process`,
            {
              kind: SpanKind.CONSUMER,
              parent,
              attributes: {
                'messaging.system': 'kafka',
                'messaging.operation.type': 'process',
                'messaging.destination.name': topic,
                'messaging.destination.partition.id': String(partition),
                'messaging.kafka.offset': Number(message.offset),
                'messaging.kafka.message.key': meta.key ?? '',
                'messaging.consumer.group.name': deps.consumerGroup,
                'messaging.message.id': messageId,
                'crossdock.attempt': attempt,
              },
            },
            () => handler(decoded.value, meta),
          ),
      );
      deps.metrics.handled(topic, (performance.now() - started) / 1000);
      return 'handled';
    } catch (error) {
      noteFailure();
      const decision = decideOnFailure(error, attempt, deps.retryPolicy);
      if (decision.kind === 'dead-letter') {
        const code =
          error instanceof PoisonMessageError ? error.code : attempt > 1 ? DeadLetterCode.RetriesExhausted : DeadLetterCode.Rejected;
        return deadLetter(code, error, attempt);
      }
      deps.metrics.retried(topic);
      if (!(await deps.pause(decision.delayMs))) return 'interrupted';
    }
  }
}
