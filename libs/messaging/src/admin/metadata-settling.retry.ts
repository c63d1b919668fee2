import { cappedBackoffMs } from '@crossdock/backoff';

/**
 * Kafka errors that mean "the cluster's metadata has not caught up yet", not "this is wrong": a topic
 * just created is not yet hosted by the broker asked (UNKNOWN_TOPIC_OR_PARTITION), has no leader yet,
 * or a leader moved. A loaded KRaft broker answers so for a moment after CreateTopics returns.
 */
const SETTLING = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'NOT_LEADER_OR_FOLLOWER', 'NOT_CONTROLLER', 'REQUEST_TIMED_OUT']);

export function isMetadataSettling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { type, retriable } = error as { type?: unknown; retriable?: unknown };
  if (typeof type === 'string' && SETTLING.has(type)) return true;
  // kafkajs wraps the last attempt's error when its own retries ran out.
  return retriable === true || isMetadataSettling(error.cause) || isMetadataSettling((error as { originalError?: unknown }).originalError);
}

/**
 * Runs an idempotent admin step again while the cluster's metadata settles (bounded: `attempts`, with
 * doubling pauses); any other error, or the last attempt's, is thrown as it is.
 */
export async function whileMetadataSettles<T>(step: () => Promise<T>, { attempts = 6, firstPauseMs = 250 } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts || !isMetadataSettling(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, cappedBackoffMs(attempt, { initialMs: firstPauseMs, maxMs: 30_000 })));
    }
  }
}
