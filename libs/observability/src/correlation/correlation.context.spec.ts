import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { propagation } from '@opentelemetry/api';
import { InMemoryTelemetry, startInMemoryTelemetry } from '../testing/in-memory-telemetry';
import { withSpan } from '../tracing/with-span.runner';
import { CorrelationAttribute, currentCorrelation, runWithCorrelation } from './correlation.context';

describe('correlation context', () => {
  let telemetry: InMemoryTelemetry;

  beforeAll(() => {
    telemetry = startInMemoryTelemetry('correlation-test');
  });

  afterAll(() => telemetry.shutdown());

  beforeEach(() => telemetry.reset());

  it('is absent outside a correlation scope', () => {
    expect(currentCorrelation()).toBeUndefined();
  });

  it('follows the work across awaits, timers, immediates and event emitters', async () => {
    const emitter = new EventEmitter();
    const seen: Array<string | undefined> = [];

    await runWithCorrelation({ correlationId: 'corr-1', orderId: 'order-1' }, async () => {
      await sleep(5);
      seen.push(currentCorrelation()?.correlationId);
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          seen.push(currentCorrelation()?.correlationId);
          resolve();
        }, 1),
      );
      await new Promise<void>((resolve) =>
        setImmediate(() => {
          seen.push(currentCorrelation()?.orderId);
          resolve();
        }),
      );
      emitter.on('order', () => seen.push(currentCorrelation()?.correlationId));
    });

    // The listener was registered inside the scope but fires outside it: it sees the emitter's
    // caller's context, which is none, exactly like Node does for any AsyncLocalStorage.
    emitter.emit('order');
    expect(seen).toEqual(['corr-1', 'corr-1', 'order-1', undefined]);
    expect(currentCorrelation()).toBeUndefined();
  });

  it('keeps concurrent units of work apart', async () => {
    const run = (id: string, delay: number) =>
      runWithCorrelation({ correlationId: id }, async () => {
        await sleep(delay);
        return currentCorrelation()?.correlationId;
      });

    await expect(Promise.all([run('a', 20), run('b', 1), run('c', 10)])).resolves.toEqual(['a', 'b', 'c']);
  });

  it('lets an inner scope override and then restores the outer one', async () => {
    await runWithCorrelation({ correlationId: 'outer' }, async () => {
      await runWithCorrelation({ correlationId: 'inner', causationId: 'outer' }, async () => {
        await sleep(1);
        expect(currentCorrelation()).toEqual({ correlationId: 'inner', causationId: 'outer' });
      });
      expect(currentCorrelation()?.correlationId).toBe('outer');
    });
  });

  it('puts the correlation id into OTel baggage so it crosses process boundaries', async () => {
    await runWithCorrelation({ correlationId: 'corr-bag' }, async () => {
      await sleep(1);
      expect(propagation.getActiveBaggage()?.getEntry(CorrelationAttribute.CorrelationId)?.value).toBe('corr-bag');
    });
  });

  it('tags the active span and every span started inside the scope', async () => {
    await withSpan('outer', {}, () => runWithCorrelation({ correlationId: 'corr-span', orderId: 'order-9' }, () => withSpan('inner', {}, () => sleep(1))));

    const spans = await telemetry.finishedSpans();
    for (const name of ['outer', 'inner']) {
      const span = spans.find((candidate) => candidate.name === name);
      expect(span?.attributes[CorrelationAttribute.CorrelationId]).toBe('corr-span');
      expect(span?.attributes[CorrelationAttribute.OrderId]).toBe('order-9');
    }
  });

  it('refuses an empty correlation id', () => {
    expect(() => runWithCorrelation({ correlationId: '' }, () => undefined)).toThrow(/correlationId/);
  });
});
