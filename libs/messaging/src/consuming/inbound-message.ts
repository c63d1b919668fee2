import type { StringHeaders } from '../headers/message-headers';

/** Where a consumed message came from and the business ids it carries. */
export interface InboundMessageMeta {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: StringHeaders;
  readonly timestamp: string;
  readonly schemaId: number;
  readonly messageId: string;
  readonly correlationId: string;
  /** A deletion on a compacted topic; the handler got `null` (only handlers that opted in see these). */
  readonly tombstone: boolean;
  /** 1 on first delivery to the handler; higher when this process is retrying it. */
  readonly attempt: number;
}

export type MessageHandlerFn<T> = (value: T, meta: InboundMessageMeta) => Promise<unknown>;

/** One message of a batch handed to an `@OnEventBatch` handler. */
export interface InboundBatchItem<T> {
  readonly value: T;
  readonly meta: InboundMessageMeta;
  /**
   * Runs `fn` inside this message's own trace and correlation context. Work done for one message
   * of a batch belongs in here, so each order's trace stays its own (rows written here carry it on).
   */
  run<R>(fn: () => Promise<R>): Promise<R>;
}

export type BatchHandlerFn<T> = (items: readonly InboundBatchItem<T>[]) => Promise<unknown>;
