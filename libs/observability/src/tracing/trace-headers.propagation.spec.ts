import { SpanKind, SpanStatusCode, propagation, trace } from '@opentelemetry/api';
import { CorrelationAttribute, runWithCorrelation } from '../correlation/correlation.context';
import { InMemoryTelemetry, startInMemoryTelemetry } from '../testing/in-memory-telemetry';
import { MESSAGING_SYSTEM_KAFKA, MessagingAttribute, MessagingOperationType } from './messaging.semconv';
import { extractTraceContext, injectTraceHeaders } from './trace-headers.propagation';
import { withSpan } from './with-span.runner';

describe('Kafka trace headers', () => {
  let telemetry: InMemoryTelemetry;

  beforeAll(() => {
    telemetry = startInMemoryTelemetry('headers-test');
  });

  afterAll(() => telemetry.shutdown());

  beforeEach(() => telemetry.reset());

  it('continues the producer trace in the consumer span across a header round trip', async () => {
    const headers: Record<string, string> = { 'crossdock-message-id': 'm-1' };
    await runWithCorrelation({ correlationId: 'corr-42' }, () =>
      withSpan(
        'orders.received send',
        {
          kind: SpanKind.PRODUCER,
          attributes: {
            [MessagingAttribute.System]: MESSAGING_SYSTEM_KAFKA,
            [MessagingAttribute.DestinationName]: 'orders.received',
            [MessagingAttribute.OperationType]: MessagingOperationType.Send,
          },
        },
        () => injectTraceHeaders(headers),
      ),
    );
    expect(headers['traceparent']).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);

    // Kafka hands headers back as Buffers.
    const consumed = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, Buffer.from(value)]));
    const parent = extractTraceContext(consumed);
    expect(propagation.getBaggage(parent)?.getEntry(CorrelationAttribute.CorrelationId)?.value).toBe('corr-42');

    await withSpan(
      'orders.received process',
      {
        kind: SpanKind.CONSUMER,
        parent,
        attributes: {
          [MessagingAttribute.ConsumerGroupName]: 'erp-submitter',
          [MessagingAttribute.KafkaOffset]: 7,
          [MessagingAttribute.OperationType]: MessagingOperationType.Process,
        },
      },
      () => undefined,
    );

    const spans = await telemetry.finishedSpans();
    const producer = spans.find((span) => span.kind === SpanKind.PRODUCER);
    const consumer = spans.find((span) => span.kind === SpanKind.CONSUMER);
    expect(consumer?.spanContext().traceId).toBe(producer?.spanContext().traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
    expect(consumer?.parentSpanContext?.isRemote).toBe(true);
    expect(consumer?.attributes[MessagingAttribute.KafkaOffset]).toBe(7);
    expect(producer?.attributes['messaging.system']).toBe('kafka');
  });

  it('takes the last value of a repeated header', () => {
    const first = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const last = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const parent = extractTraceContext({ traceparent: [Buffer.from(first), last] });
    expect(trace.getSpanContext(parent)?.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('starts a new trace for a message without trace headers, ignoring the active span', async () => {
    await withSpan('poll loop', {}, async (pollSpan) => {
      const parent = extractTraceContext({ 'crossdock-message-id': undefined });
      expect(trace.getSpanContext(parent)).toBeUndefined();
      await withSpan('process', { kind: SpanKind.CONSUMER, parent }, (span) => {
        expect(span.spanContext().traceId).not.toBe(pollSpan.spanContext().traceId);
      });
    });
  });

  it('injects nothing when no span is active', () => {
    expect(injectTraceHeaders({})).toEqual({});
  });

  it('records a failure on the span and rethrows it', async () => {
    const failure = new Error('ERP rejected the order');
    await expect(withSpan('submit', {}, () => Promise.reject(failure))).rejects.toBe(failure);

    const [span] = await telemetry.finishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'ERP rejected the order' });
    expect(span?.events.map((event) => event.name)).toEqual(['exception']);
    expect(span?.ended).toBe(true);
  });

  it('links a batch span to the spans of the messages it processed', async () => {
    const messageContexts = ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'].map((traceparent) => extractTraceContext({ traceparent }));
    const links = messageContexts.flatMap((context) => {
      const spanContext = trace.getSpanContext(context);
      return spanContext ? [{ context: spanContext }] : [];
    });
    await withSpan('orders.received process batch', { kind: SpanKind.CONSUMER, links }, () => undefined);

    const [span] = await telemetry.finishedSpans();
    expect(span?.links[0]?.context.traceId).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });
});
