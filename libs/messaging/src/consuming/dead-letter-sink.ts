import type { StringHeaders } from '../headers/message-headers';

/** Everything needed to understand and replay a message that could not be handled. */
export interface DeadLetterEntry {
  readonly sourceTopic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  /** The original bytes, untouched, so a replay publishes exactly what arrived. */
  readonly value: Buffer | null;
  readonly headers: StringHeaders;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** Stack or structured detail of the last error; the writer truncates it. */
  readonly errorDetail: string | null;
  readonly consumerGroup: string;
  readonly attempts: number;
  readonly firstFailedAt: number;
  readonly failedAt: number;
  readonly sourceTimestamp: number | null;
}

export interface DeadLetterSink {
  send(entry: DeadLetterEntry): Promise<void>;
}
