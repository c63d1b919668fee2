import { EventPattern, RpcException } from '@nestjs/microservices';
import type { TopicDefinition } from '@crossdock/contracts';

type Handler = (...args: unknown[]) => unknown;

/**
 * `@OnEvent(Topics.channelOrders)` subscribes a handler to a catalog topic by its contract, so a
 * topic name is never typed by hand in a service.
 *
 * It also carries the handler's error to the transport intact. Nest's default RPC filter replaces
 * any other error with `{ status: 'error', message: 'Internal server error' }`, but passes the
 * payload of an RpcException through; the transport needs the original error's class and stable
 * code to choose between retry and dead letter.
 */
export interface OnEventOptions {
  /**
   * Deliver tombstones (records with a null value: a deletion on a compacted topic) to the handler
   * as `null` instead of dead-lettering them. For handlers that keep a table of a compacted topic.
   */
  readonly tombstones?: boolean;
}

export function OnEvent(contract: TopicDefinition, options: OnEventOptions = {}): MethodDecorator {
  return subscribe(contract, { tombstones: options.tombstones === true });
}

export interface OnEventBatchOptions extends OnEventOptions {
  /** Most messages per call; fewer when the partition has fewer waiting. Default 200. */
  readonly maxMessages?: number;
}

/**
 * `@OnEventBatch(Topics.channelOrders)`: the handler gets consecutive messages of one partition
 * (`readonly InboundBatchItem<T>[]`, in offset order) and must apply them all or nothing, e.g. in
 * one database transaction. A dependency outage retries the whole batch; any other failure makes the
 * transport replay each half of the batch on its own, down to single messages, so only the message
 * at fault is retried and dead-lettered (see processBatch).
 */
export function OnEventBatch(contract: TopicDefinition, options: OnEventBatchOptions = {}): MethodDecorator {
  return subscribe(contract, { tombstones: options.tombstones === true, batchSize: Math.max(1, options.maxMessages ?? 200) });
}

function subscribe(contract: TopicDefinition, extras: Record<string, unknown>): MethodDecorator {
  return (target, key, descriptor) => {
    const original = descriptor.value as unknown as Handler;
    const wrapped: Handler = async function (this: unknown, ...args: unknown[]) {
      try {
        return await original.apply(this, args);
      } catch (error) {
        throw new RpcException(error instanceof Object ? error : new Error(String(error)));
      }
    };
    // Decorators applied before this one keep their metadata on the function object itself.
    for (const metadataKey of Reflect.getMetadataKeys(original)) {
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, original), wrapped);
    }
    Object.defineProperty(wrapped, 'name', { value: original.name });
    (descriptor as TypedPropertyDescriptor<unknown>).value = wrapped;
    EventPattern(contract.key, extras)(target, key, descriptor);
    return descriptor;
  };
}
