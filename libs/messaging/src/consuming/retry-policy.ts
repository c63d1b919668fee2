import { cappedBackoffMs } from '@crossdock/backoff';
import { PoisonMessageError, TransientDependencyError } from '../errors/message-errors';

export interface RetryPolicy {
  /** Attempts for an unexplained handler failure before the message is dead-lettered. */
  readonly maxAttempts: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /**
   * Reads a failure before it is judged: the service kit passes its database-error classifier, so a
   * database outage becomes a TransientDependencyError (wait) and a constraint violation stays what it
   * is (bounded attempts, then the dead-letter topic) whichever handler threw it.
   */
  readonly classifyError?: (error: unknown) => unknown;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, initialBackoffMs: 200, maxBackoffMs: 30_000 };

export type FailureDecision = { kind: 'dead-letter' } | { kind: 'retry'; delayMs: number };

/**
 * Poison messages are dead-lettered at once; a dependency outage never dead-letters (it is not the
 * message's fault); anything else gets a bounded number of attempts with exponential backoff.
 */
export function decideOnFailure(thrown: unknown, attempt: number, policy: RetryPolicy): FailureDecision {
  const error = policy.classifyError ? policy.classifyError(thrown) : thrown;
  if (error instanceof PoisonMessageError) return { kind: 'dead-letter' };
  const delayMs = cappedBackoffMs(attempt, { initialMs: policy.initialBackoffMs, maxMs: policy.maxBackoffMs });
  if (error instanceof TransientDependencyError) return { kind: 'retry', delayMs };
  return attempt >= policy.maxAttempts ? { kind: 'dead-letter' } : { kind: 'retry', delayMs };
}
