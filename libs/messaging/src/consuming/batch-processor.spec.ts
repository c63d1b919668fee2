import { currentCorrelation } from '@crossdock/observability';
import { PoisonMessageError, TransientDependencyError } from '../errors/message-errors';
import { MessageHeader } from '../headers/message-headers';
import { processBatch } from './batch-processor';
import type { InboundBatchItem } from './inbound-message';
import { contract, delivery, harness, message } from './processor.test-harness';

type Item = InboundBatchItem<{ sku: string }>;

/** Three deliveries at offsets 10..12 whose payload (by the fake decoder) is their key. */
function deliveries(keys = ['A', 'B', 'C']) {
  return keys.map((key, i) =>
    delivery(
      message({
        key: Buffer.from(key),
        value: Buffer.from(key),
        offset: String(10 + i),
        headers: { [MessageHeader.CorrelationId]: Buffer.from(`corr-${key}`) },
      }),
    ),
  );
}

const decodeKey = async (_c: unknown, value: Buffer | null) => {
  if (value?.toString() === 'BAD') throw new PoisonMessageError('MALFORMED_PAYLOAD', 'not Avro');
  return { value: { sku: value?.toString() ?? '' } as never, schemaId: 7 };
};

describe('processBatch', () => {
  it('hands all decoded messages to one handler call, in offset order, each runnable in its own context', async () => {
    const h = harness(decodeKey);
    const calls: string[][] = [];
    const correlations: unknown[] = [];
    const outcome = await processBatch(
      deliveries(),
      contract,
      async (items: readonly Item[]) => {
        calls.push(items.map((i) => `${i.value.sku}@${i.meta.offset}`));
        for (const item of items) await item.run(async () => correlations.push(currentCorrelation()?.correlationId));
      },
      h.deps,
    );
    expect(outcome).toBe('handled');
    expect(calls).toEqual([['A@10', 'B@11', 'C@12']]);
    expect(correlations).toEqual(['corr-A', 'corr-B', 'corr-C']);
    expect(h.counts.handled).toBe(3);
  });

  it('dead-letters an undecodable message alone and hands the rest over', async () => {
    const h = harness(decodeKey);
    const handler = jest.fn(async () => undefined);
    expect(await processBatch(deliveries(['A', 'BAD', 'C']), contract, handler, h.deps)).toBe('handled');
    expect(handler).toHaveBeenCalledTimes(1);
    expect((handler.mock.calls[0] as unknown as [Item[]])[0].map((i) => i.value.sku)).toEqual(['A', 'C']);
    expect(h.deadLetters.map((d) => [d.offset, d.errorCode])).toEqual([['11', 'MALFORMED_PAYLOAD']]);
  });

  it('splits a failed batch in halves until only the culprit is left, and dead-letters just that one', async () => {
    const h = harness(decodeKey);
    const keys = Array.from({ length: 16 }, (_, i) => `K${String(i).padStart(2, '0')}`);
    keys[11] = 'POISON';
    const calls: number[] = [];
    const applied: string[] = [];
    const handler = async (items: readonly Item[]) => {
      calls.push(items.length);
      if (items.some((i) => i.value.sku === 'POISON')) throw new PoisonMessageError('ORDER_EVENT_NOT_ACTIONABLE', 'cannot be applied');
      applied.push(...items.map((i) => i.value.sku));
    };
    expect(await processBatch(deliveries(keys), contract, handler, h.deps)).toBe('handled');
    expect(applied).toEqual(keys.filter((k) => k !== 'POISON'));
    // 16 fail; 0-7 ok; 8-15 fail; 8-11 fail; 8-9 ok; 10-11 fail; 10 ok; 11 dead-lettered; 12-15 ok.
    expect(calls).toEqual([16, 8, 8, 4, 2, 2, 1, 1, 4]);
    expect(h.deadLetters.map((d) => d.errorCode)).toEqual(['ORDER_EVENT_NOT_ACTIONABLE']);
  });

  it('gets to the culprit of a small batch and applies the others', async () => {
    const h = harness(decodeKey);
    const applied: string[] = [];
    const handler = async (items: readonly Item[]) => {
      if (items.some((i) => i.value.sku === 'B')) throw new PoisonMessageError('ORDER_EVENT_NOT_ACTIONABLE', 'B cannot be applied');
      applied.push(...items.map((i) => i.value.sku));
    };
    expect(await processBatch(deliveries(), contract, handler, h.deps)).toBe('handled');
    expect(applied).toEqual(['A', 'C']);
    expect(h.deadLetters.map((d) => [d.offset, d.errorCode])).toEqual([['11', 'ORDER_EVENT_NOT_ACTIONABLE']]);
  });

  it('retries the whole batch through a dependency outage, without splitting it', async () => {
    const h = harness(decodeKey);
    const sizes: number[] = [];
    let calls = 0;
    const handler = async (items: readonly Item[]) => {
      sizes.push(items.length);
      if (++calls < 3) throw new TransientDependencyError('postgres', 'connection refused');
    };
    expect(await processBatch(deliveries(), contract, handler, h.deps)).toBe('handled');
    expect(sizes).toEqual([3, 3, 3]);
    expect(h.pauses).toEqual([10, 20]);
    expect(h.deadLetters).toHaveLength(0);
  });

  it('stops without handling or dead-lettering when the consumer is stopping during an outage', async () => {
    const h = harness(decodeKey);
    h.stopAfter(0);
    const handler = jest.fn().mockRejectedValue(new TransientDependencyError('postgres', 'down'));
    expect(await processBatch(deliveries(), contract, handler, h.deps)).toBe('interrupted');
    expect(h.deadLetters).toHaveLength(0);
    expect(h.counts.handled).toBe(0);
  });
});
