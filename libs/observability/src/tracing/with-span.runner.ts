import { Attributes, Context, Exception, Link, Span, SpanKind, SpanOptions, SpanStatusCode, context, trace } from '@opentelemetry/api';

export const DEFAULT_TRACER_SCOPE = '@crossdock/observability';

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context, e.g. from `extractTraceContext`; defaults to the active context. */
  parent?: Context;
  /** Links to other spans, e.g. each message of a batch that a batch span processes. */
  links?: Link[];
  /** Instrumentation scope shown in Jaeger as `otel.scope.name`; the calling library's name. */
  scope?: string;
}

/**
 * Runs `fn` inside a new span that is active for everything `fn` awaits, so spans and logs made
 * inside nest under it. A thrown error is recorded on the span, marks it as failed and is rethrown.
 * Success leaves the status unset, as the OTel spec asks of instrumentation code; Jaeger shows
 * unset and OK the same way.
 */
export async function withSpan<T>(name: string, options: WithSpanOptions, fn: (span: Span) => T | Promise<T>): Promise<T> {
  const tracer = trace.getTracer(options.scope ?? DEFAULT_TRACER_SCOPE);
  const parent = options.parent ?? context.active();
  const spanOptions: SpanOptions = { kind: options.kind ?? SpanKind.INTERNAL };
  if (options.attributes) spanOptions.attributes = options.attributes;
  if (options.links) spanOptions.links = options.links;
  return tracer.startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(toException(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}

function toException(error: unknown): Exception {
  if (error instanceof Error) return error;
  return { name: 'NonErrorThrown', message: errorMessage(error) };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}
