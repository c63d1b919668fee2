import { cappedBackoffMs } from '@crossdock/backoff';
import { TransientDependencyError } from '../errors/message-errors';
import type { TopicDefinition } from '@crossdock/contracts';
import type { BatchHandlerFn, InboundBatchItem } from './inbound-message';
import { decodeDelivery, processDelivery, type DecodedDelivery, type ProcessorDeps, type RawDelivery } from './message-processor';

export type BatchOutcome = 'handled' | 'interrupted';

/**
 * Handles consecutive deliveries of one partition with one call of a batch handler, so the handler
 * can do one database transaction for all of them. The guarantees stay those of single delivery:
 * - a payload that does not decode is dead-lettered alone and the rest of the batch goes on;
 * - a dependency outage (a TransientDependencyError, or an error the service's classifier reads as
 *   one, such as a database connection refused) retries the whole batch until it is back;
 * - any other failure cannot be pinned on one message, so each half of the batch is tried on its
 *   own, down to single messages, which get the single-delivery path's retries and dead letter:
 *   the culprit alone is dead-lettered, and a poison message costs about log2(batch) extra calls.
 * A handler must therefore apply a batch all or nothing (one transaction), as a retry repeats it.
 */
export async function processBatch<T>(
  deliveries: readonly RawDelivery[],
  contract: TopicDefinition<T>,
  handler: BatchHandlerFn<T>,
  deps: ProcessorDeps,
  options: { acceptsTombstones?: boolean } = {},
): Promise<BatchOutcome> {
  const started = performance.now();
  const decoded: DecodedDelivery<T>[] = [];
  for (const delivery of deliveries) {
    const outcome = await decodeDelivery(delivery, contract, deps, options);
    if (outcome.kind === 'interrupted') return 'interrupted';
    if (outcome.kind === 'decoded') decoded.push(outcome.decoded);
  }
  if (decoded.length === 0) return 'handled';

  return applyBatch(decoded, contract, handler, deps, options, started);
}

/** All or nothing; on a failure that is not an outage, each half on its own, down to single messages. */
async function applyBatch<T>(
  decoded: readonly DecodedDelivery<T>[],
  contract: TopicDefinition<T>,
  handler: BatchHandlerFn<T>,
  deps: ProcessorDeps,
  options: { acceptsTombstones?: boolean },
  started: number,
): Promise<BatchOutcome> {
  if (decoded.length === 1) {
    // Alone, a message gets the single-delivery treatment: its own retries and, if at fault, its dead letter.
    const single = (value: T, meta: InboundBatchItem<T>['meta']) => handler([{ value, meta, run: (fn) => fn() }]);
    const outcome = await processDelivery((decoded[0] as DecodedDelivery<T>).delivery, contract, single, deps, options);
    return outcome === 'interrupted' ? 'interrupted' : 'handled';
  }
  const topic = (decoded[0] as DecodedDelivery<T>).delivery.topic;
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(decoded.map((d) => batchItem(d, attempt)));
      const seconds = (performance.now() - started) / 1000;
      for (let i = 0; i < decoded.length; i++) deps.metrics.handled(topic, seconds);
      return 'handled';
    } catch (error) {
      const classified = deps.retryPolicy.classifyError ? deps.retryPolicy.classifyError(error) : error;
      if (!(classified instanceof TransientDependencyError)) break;
      deps.metrics.retried(topic);
      const delayMs = cappedBackoffMs(attempt, { initialMs: deps.retryPolicy.initialBackoffMs, maxMs: deps.retryPolicy.maxBackoffMs });
      if (!(await deps.pause(delayMs))) return 'interrupted';
    }
  }
  const middle = Math.ceil(decoded.length / 2);
  for (const half of [decoded.slice(0, middle), decoded.slice(middle)]) {
    if ((await applyBatch(half, contract, handler, deps, options, started)) === 'interrupted') return 'interrupted';
  }
  return 'handled';
}

function batchItem<T>(decoded: DecodedDelivery<T>, attempt: number): InboundBatchItem<T> {
  return { value: decoded.value, meta: decoded.meta(attempt), run: (fn) => decoded.runInContext(attempt, fn) };
}
