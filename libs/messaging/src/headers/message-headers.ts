import type { IHeaders } from 'kafkajs';

/**
 * Standard Crossdock headers. Trace context travels as W3C `traceparent`/`tracestate`; the rest
 * are business-level ids that outlive a trace (an order replayed next week keeps its correlation id).
 */
export const MessageHeader = {
  MessageId: 'crossdock-message-id',
  CorrelationId: 'crossdock-correlation-id',
  CausationId: 'crossdock-causation-id',
  IdempotencyKey: 'crossdock-idempotency-key',
  Producer: 'crossdock-producer',
  OccurredAt: 'crossdock-occurred-at',
  TraceParent: 'traceparent',
  TraceState: 'tracestate',
} as const;

export type StringHeaders = Record<string, string>;

/** Kafka headers arrive as Buffers (or arrays of them); handlers want plain strings. */
export function readHeaders(headers: IHeaders | undefined): StringHeaders {
  const result: StringHeaders = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) result[name] = value.toString();
  }
  return result;
}
