import { Writable } from 'node:stream';
import { runWithCorrelation } from '../correlation/correlation.context';
import { InMemoryTelemetry, startInMemoryTelemetry } from '../testing/in-memory-telemetry';
import { withSpan } from '../tracing/with-span.runner';
import { createLogger } from './logger.factory';
import { PinoNestLogger } from './pino-nest.logger';

/** Collects pino's output, one parsed JSON object per line. */
function captureLines(): { stream: Writable; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { stream, lines };
}

describe('createLogger', () => {
  let telemetry: InMemoryTelemetry;

  beforeAll(() => {
    telemetry = startInMemoryTelemetry('logger-test');
  });

  afterAll(() => telemetry.shutdown());

  it('stamps every line with service, trace, span and correlation ids', async () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ serviceName: 'erp-submitter', destination: stream });

    const ids = await runWithCorrelation({ correlationId: 'corr-7', orderId: 'order-7' }, () =>
      withSpan('submit order', {}, async (span) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        logger.info({ erpOrderId: 'SO-1' }, 'order submitted');
        return span.spanContext();
      }),
    );

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      service: 'erp-submitter',
      level: 'info',
      msg: 'order submitted',
      erpOrderId: 'SO-1',
      trace_id: ids.traceId,
      span_id: ids.spanId,
      correlation_id: 'corr-7',
    });
    expect(new Date(String(lines[0]?.['time'])).toISOString()).toBe(lines[0]?.['time']);
  });

  it('writes explicit nulls outside any span or correlation scope', () => {
    const { stream, lines } = captureLines();
    createLogger({ serviceName: 'erp-submitter', destination: stream }).warn('starting');

    expect(lines[0]).toMatchObject({ level: 'warn', trace_id: null, span_id: null, correlation_id: null });
  });

  it('keeps partner credentials out of the logs', () => {
    const { stream, lines } = captureLines();
    createLogger({ serviceName: 's', destination: stream }).info({ partner: { token: 'sekret' } }, 'called');

    expect(JSON.stringify(lines[0])).not.toContain('sekret');
  });

  it('respects the level', () => {
    const { stream, lines } = captureLines();
    const logger = createLogger({ serviceName: 's', level: 'warn', destination: stream });
    logger.info('dropped');
    logger.error('kept');

    expect(lines.map((line) => line['msg'])).toEqual(['kept']);
  });
});

describe('PinoNestLogger', () => {
  it("routes Nest's log calls through pino with their context", () => {
    const { stream, lines } = captureLines();
    const nestLogger = new PinoNestLogger(createLogger({ serviceName: 'svc', level: 'trace', destination: stream }));
    const stack = new Error('boom').stack ?? '';

    nestLogger.log('Mapped {/health/ready, GET} route', 'RouterExplorer');
    nestLogger.error('Unhandled', stack, 'ExceptionsHandler');
    nestLogger.error('No context', stack);
    nestLogger.verbose({ detail: 1 }, 'InstanceLoader');
    nestLogger.warn(new Error('disk low'));

    expect(lines[0]).toMatchObject({ level: 'info', msg: 'Mapped {/health/ready, GET} route', context: 'RouterExplorer' });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'Unhandled', context: 'ExceptionsHandler', stack });
    expect(lines[2]).toMatchObject({ level: 'error', msg: 'No context', stack });
    expect(lines[2]).not.toHaveProperty('context');
    expect(lines[3]).toMatchObject({ level: 'trace', context: 'InstanceLoader', data: { detail: 1 } });
    expect(lines[4]).toMatchObject({ level: 'warn', msg: 'disk low', err: { message: 'disk low' } });
    for (const line of lines) expect(line).toHaveProperty('service', 'svc');
  });
});
