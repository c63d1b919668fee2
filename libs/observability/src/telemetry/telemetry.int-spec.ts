import { SpanKind } from '@opentelemetry/api';
import { CorrelationAttribute, runWithCorrelation } from '../correlation/correlation.context';
import { DEFAULT_JAEGER_QUERY_URL, findSpan, parentSpanId, spanService, spanTag, waitForTrace } from '../testing/jaeger-query';
import { withSpan } from '../tracing/with-span.runner';
import { TelemetryHandle, startTelemetry } from './telemetry.bootstrap';

const jaegerQueryUrl = process.env['JAEGER_QUERY_URL'] ?? DEFAULT_JAEGER_QUERY_URL;
const serviceName = 'observability-int-test';

describe('telemetry → local Jaeger', () => {
  let telemetry: TelemetryHandle;

  beforeAll(async () => {
    const reachable = await fetch(`${jaegerQueryUrl}/api/services`).then(
      (response) => response.ok,
      () => false,
    );
    if (!reachable) throw new Error(`Jaeger query API not reachable at ${jaegerQueryUrl}: start the stack (npm run stack:up)`);
    // The OTLP endpoint comes from OTEL_EXPORTER_OTLP_ENDPOINT, else the stack's http://localhost:4318.
    telemetry = startTelemetry({ serviceName, serviceVersion: 'int-test' });
  });

  afterAll(() => telemetry?.shutdown());

  it('delivers a parent and its child span to Jaeger as one trace', async () => {
    const correlationId = `int-${Date.now()}`;
    const ids = await runWithCorrelation({ correlationId, orderId: 'order-int-1' }, () =>
      withSpan('order.submit', { kind: SpanKind.SERVER }, (parent) =>
        withSpan('erp.call', { kind: SpanKind.CLIENT }, (child) => ({
          traceId: parent.spanContext().traceId,
          parentId: parent.spanContext().spanId,
          childId: child.spanContext().spanId,
        })),
      ),
    );
    await telemetry.flush();

    const trace = await waitForTrace(jaegerQueryUrl, ids.traceId, { minSpans: 2, timeoutMs: 60_000 });

    const parent = findSpan(trace, 'order.submit');
    const child = findSpan(trace, 'erp.call');
    expect(parent?.spanID).toBe(ids.parentId);
    expect(child?.spanID).toBe(ids.childId);
    expect(child && parentSpanId(child)).toBe(ids.parentId);
    expect(parent && spanService(trace, parent)).toBe(serviceName);
    expect(child && spanTag(child, CorrelationAttribute.CorrelationId)).toBe(correlationId);
    expect(child && spanTag(child, CorrelationAttribute.OrderId)).toBe('order-int-1');
  });

  it('gives up within the bound, with what it saw, when a trace never arrives', async () => {
    await expect(waitForTrace(jaegerQueryUrl, '0123456789abcdef0123456789abcdef', { minSpans: 1, timeoutMs: 1_000 })).rejects.toThrow(
      /did not reach 1 span\(s\) in Jaeger within 1000 ms \(last: trace not found\)/,
    );
  });
});
