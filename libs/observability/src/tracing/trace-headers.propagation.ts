import { Context, ROOT_CONTEXT, TextMapGetter, TextMapSetter, context, propagation } from '@opentelemetry/api';

/** Kafka header values as kafkajs hands them over (`IHeaders`), without importing kafkajs here. */
export type IncomingHeaderValue = string | Buffer | ReadonlyArray<string | Buffer> | undefined;

const setter: TextMapSetter<Record<string, string>> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

const getter: TextMapGetter<Record<string, IncomingHeaderValue>> = {
  keys: (carrier) => Object.keys(carrier),
  get(carrier, key) {
    const raw = carrier[key];
    // A repeated header means the last writer wins, matching how Kafka clients read headers.
    const value = isList(raw) ? raw[raw.length - 1] : raw;
    return value === undefined ? undefined : value.toString();
  },
};

function isList(value: IncomingHeaderValue): value is ReadonlyArray<string | Buffer> {
  return Array.isArray(value);
}

/**
 * Writes W3C `traceparent`/`tracestate` (and `baggage`, which carries the correlation id) for the
 * given context into `headers`, in place. Returns the same object for chaining.
 */
export function injectTraceHeaders(headers: Record<string, string>, from: Context = context.active()): Record<string, string> {
  propagation.inject(from, headers, setter);
  return headers;
}

/**
 * Reads trace context and baggage from consumed message headers. The default base is the ROOT
 * context, not the active one: a consumed message's trace must come from the message itself, never
 * from whatever happens to be active in the poll loop.
 */
export function extractTraceContext(headers: Record<string, IncomingHeaderValue>, base: Context = ROOT_CONTEXT): Context {
  return propagation.extract(base, headers, getter);
}
