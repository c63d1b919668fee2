import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace';
import { correlationAttributes, currentCorrelation } from './correlation.context';

/**
 * Stamps the current correlation ids on every span as it starts, including spans created by
 * auto-instrumentation (HTTP, pg, Prisma) that know nothing about Crossdock, so any span of an
 * order is findable in Jaeger by `crossdock.correlation_id` or `crossdock.order_id`.
 */
export class CorrelationSpanProcessor implements SpanProcessor {
  onStart(span: Span, _parentContext: Context): void {
    const correlation = currentCorrelation();
    if (correlation) span.setAttributes(correlationAttributes(correlation));
  }

  onEnd(_span: ReadableSpan): void {
    // Nothing to do: attributes are set at start so child spans see them while they run.
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
