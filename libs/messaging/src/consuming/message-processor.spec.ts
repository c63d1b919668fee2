import { currentCorrelation } from '@crossdock/observability';
import { DeadLetterCode, PoisonMessageError, TransientDependencyError } from '../errors/message-errors';
import { MessageHeader } from '../headers/message-headers';
import type { InboundMessageMeta } from './inbound-message';
import { processDelivery } from './message-processor';
import { contract, delivery, harness, message } from './processor.test-harness';

describe('processDelivery', () => {
  it('hands the decoded value to the handler inside the message correlation context', async () => {
    const h = harness();
    const seen: Array<{ value: unknown; meta: InboundMessageMeta; correlation: unknown }> = [];
    const outcome = await processDelivery(
      delivery(),
      contract,
      async (value, meta) => {
        seen.push({ value, meta, correlation: currentCorrelation() });
      },
      h.deps,
    );
    expect(outcome).toBe('handled');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.value).toEqual({ sku: 'SKU-1' });
    expect(seen[0]?.meta).toMatchObject({ key: 'SKU-1@DC1', offset: '41', partition: 2, schemaId: 7, correlationId: 'order-77', messageId: 'm-1', attempt: 1 });
    expect(seen[0]?.correlation).toMatchObject({ correlationId: 'order-77', causationId: 'm-1' });
    expect(h.counts.handled).toBe(1);
    expect(h.deadLetters).toHaveLength(0);
  });

  it('dead-letters an undecodable message with its original bytes without calling the handler', async () => {
    const h = harness(async () => {
      throw new PoisonMessageError(DeadLetterCode.UnknownSchemaId, 'schema id 99 is not in the registry');
    });
    const handler = jest.fn();
    const original = message();
    expect(await processDelivery(delivery(original), contract, handler, h.deps)).toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(h.deadLetters).toEqual([
      expect.objectContaining({
        sourceTopic: 'ns.crossdock.inventory.positions.v1',
        partition: 2,
        offset: '41',
        key: original.key,
        value: original.value,
        errorCode: 'UNKNOWN_SCHEMA_ID',
        errorMessage: 'schema id 99 is not in the registry',
        consumerGroup: 'availability',
        attempts: 1,
      }),
    ]);
    expect(h.deadLetters[0]?.headers[MessageHeader.CorrelationId]).toBe('order-77');
  });

  it('retries an unexplained failure with backoff, then dead-letters it', async () => {
    const h = harness();
    const handler = jest.fn().mockRejectedValue(new Error('cannot parse ship-to'));
    expect(await processDelivery(delivery(), contract, handler, h.deps)).toBe('dead-lettered');
    expect(handler).toHaveBeenCalledTimes(3);
    expect(h.pauses).toEqual([10, 20]);
    expect(h.deadLetters[0]).toMatchObject({ errorCode: 'RETRIES_EXHAUSTED', attempts: 3, errorMessage: 'cannot parse ship-to' });
  });

  it('dead-letters a handler rejection with the handler’s own stable code at once', async () => {
    const h = harness();
    const handler = jest.fn().mockRejectedValue(new PoisonMessageError('NEGATIVE_QUANTITY', 'onHand is -3'));
    expect(await processDelivery(delivery(), contract, handler, h.deps)).toBe('dead-lettered');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(h.deadLetters[0]).toMatchObject({ errorCode: 'NEGATIVE_QUANTITY', attempts: 1 });
    expect(h.counts.deadLettered).toEqual(['NEGATIVE_QUANTITY']);
  });

  it('keeps retrying through a dependency outage instead of dead-lettering', async () => {
    const h = harness();
    let calls = 0;
    const handler = jest.fn(async () => {
      if (++calls < 6) throw new TransientDependencyError('postgres', 'connection refused');
    });
    expect(await processDelivery(delivery(), contract, handler, h.deps)).toBe('handled');
    expect(handler).toHaveBeenCalledTimes(6);
    expect(h.pauses).toEqual([10, 20, 40, 40, 40]);
    expect(h.deadLetters).toHaveLength(0);
  });

  it('gives up without committing or dead-lettering when the consumer is stopping', async () => {
    const h = harness();
    h.stopAfter(1);
    const handler = jest.fn().mockRejectedValue(new TransientDependencyError('erp', 'down'));
    expect(await processDelivery(delivery(), contract, handler, h.deps)).toBe('interrupted');
    expect(h.deadLetters).toHaveLength(0);
  });

  it('dead-letters a tombstone unless the handler opted in to deletions', async () => {
    const h = harness(async () => {
      throw new PoisonMessageError(DeadLetterCode.MalformedEnvelope, 'value is empty');
    });
    const handler = jest.fn();
    expect(await processDelivery(delivery(message({ value: null })), contract, handler, h.deps)).toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();

    expect(await processDelivery(delivery(message({ value: null })), contract, handler, h.deps, { acceptsTombstones: true })).toBe('handled');
    expect(handler).toHaveBeenCalledWith(null, expect.objectContaining({ tombstone: true, key: 'SKU-1@DC1' }));
    expect(h.deadLetters).toHaveLength(1);
  });

  it('dead-letters a message on a topic nobody handles', async () => {
    const h = harness();
    expect(await processDelivery(delivery(), undefined, undefined, h.deps)).toBe('dead-lettered');
    expect(h.deadLetters[0]?.errorCode).toBe('NO_HANDLER');
  });
});
