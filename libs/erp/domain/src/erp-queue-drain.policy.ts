import { ErpPermanentError, ErpTransientError } from './erp-errors';
import { backoffDelay, type BackoffConfig, DEFAULT_ERP_BACKOFF } from './retry-backoff.policy';
import { emptyBucket, type TokenBucketConfig, type TokenBucketState, tryTake } from './token-bucket.rate-limiter';

/**
 * One ERP call waiting in a service's durable ERP queue (order-ingest: a submission or a cancel;
 * shipment-events: a goods issue per package). Services extend it with what the call carries.
 */
export interface DrainEntry {
  readonly id: string;
  readonly orderId: string;
  /** Per-order sequence: a higher one never runs before a lower one (a cancel never overtakes its create). */
  readonly sequence: number;
  readonly enqueuedAt: number;
  readonly attempts: number;
  /** Earliest next attempt after a failure; null = now. */
  readonly notBefore: number | null;
}

export interface DrainConfig {
  readonly rateLimit: TokenBucketConfig;
  /** Concurrent ERP calls in flight at most (across orders; one order never has two). */
  readonly maxInFlight: number;
  readonly backoff: BackoffConfig;
}

export interface DrainState {
  readonly limiter: TokenBucketState;
  /** While the ERP is down or throttling us, nothing is sent before this time. */
  readonly pausedUntil: number | null;
  /** Consecutive outage/throttle answers; grows the pause, reset by any success. */
  readonly consecutiveFailures: number;
}

export interface DrainPlan<E extends DrainEntry> {
  /** Send these now, in this order. */
  readonly dispatch: readonly E[];
  readonly state: DrainState;
  /** When to plan again if nothing else wakes the drainer; null when the queue is idle. */
  readonly nextWakeAt: number | null;
}

export function initialDrainState(config: DrainConfig, now: number): DrainState {
  return { limiter: { tokens: config.rateLimit.capacity, updatedAt: now }, pausedUntil: null, consecutiveFailures: 0 };
}

/**
 * Which queued ERP calls to send now. Rules, in order of precedence:
 * 1. nothing while the ERP asked us to pause (outage, 429 with Retry-After);
 * 2. per-order sequence: only an order's lowest pending entry is eligible, and not while another
 *    call for that order is in flight — so a cancel can never overtake its create;
 * 3. oldest first (by enqueue time) across orders, skipping entries still backing off;
 * 4. within the ERP's rate limit (token bucket) and the in-flight cap.
 */
export function planDrain<E extends DrainEntry>(
  pending: readonly E[],
  inFlightOrderIds: ReadonlySet<string>,
  state: DrainState,
  config: DrainConfig,
  now: number,
): DrainPlan<E> {
  if (pending.length === 0) return { dispatch: [], state, nextWakeAt: null };
  if (state.pausedUntil !== null && state.pausedUntil > now) return { dispatch: [], state, nextWakeAt: state.pausedUntil };

  const heads = new Map<string, E>();
  for (const entry of pending) {
    const head = heads.get(entry.orderId);
    if (!head || entry.sequence < head.sequence) heads.set(entry.orderId, entry);
  }
  const eligible = [...heads.values()]
    .filter((e) => !inFlightOrderIds.has(e.orderId))
    .sort((a, b) => a.enqueuedAt - b.enqueuedAt || a.orderId.localeCompare(b.orderId) || a.sequence - b.sequence);

  const dispatch: E[] = [];
  let limiter = state.limiter;
  let nextWakeAt: number | null = null;
  const wakeAt = (t: number) => (nextWakeAt = nextWakeAt === null ? t : Math.min(nextWakeAt, t));
  let slots = config.maxInFlight - inFlightOrderIds.size;

  for (const entry of eligible) {
    if (entry.notBefore !== null && entry.notBefore > now) {
      wakeAt(entry.notBefore);
      continue;
    }
    if (slots <= 0) break;
    const taken = tryTake(limiter, config.rateLimit, now);
    limiter = taken.state;
    if (!taken.granted) {
      wakeAt(now + taken.waitMs);
      break;
    }
    dispatch.push(entry);
    slots--;
  }
  return { dispatch, state: { ...state, limiter, pausedUntil: null }, nextWakeAt };
}

export type AttemptOutcome<E extends DrainEntry> =
  /** The entry is done: delete it from the queue. */
  | { readonly kind: 'DONE' }
  /** Keep it queued (same position: its enqueue time is unchanged) and retry after `notBefore`. */
  | { readonly kind: 'RETRY'; readonly entry: E }
  /** The ERP refused it for good: take it out of the queue and hand it to an operator. */
  | { readonly kind: 'PARK'; readonly error: ErpPermanentError };

export interface AttemptResult<E extends DrainEntry> {
  readonly outcome: AttemptOutcome<E>;
  readonly state: DrainState;
}

/**
 * Applies the result of one ERP call. An outage or throttle pauses the whole drain (every order
 * would fail the same way, and hammering a recovering ERP prolongs the outage) for the ERP's
 * Retry-After, or an exponential backoff when it gave none; an unclassified error is treated as
 * transient, because losing an ERP call is worse than retrying it.
 */
export function recordAttempt<E extends DrainEntry>(
  entry: E,
  error: unknown,
  state: DrainState,
  config: Pick<DrainConfig, 'backoff'> = { backoff: DEFAULT_ERP_BACKOFF },
  now: number,
): AttemptResult<E> {
  if (error === null || error === undefined) {
    return { outcome: { kind: 'DONE' }, state: { ...state, consecutiveFailures: 0 } };
  }
  if (error instanceof ErpPermanentError) {
    return { outcome: { kind: 'PARK', error }, state: { ...state, consecutiveFailures: 0 } };
  }
  const failures = state.consecutiveFailures + 1;
  const retryAfterMs = error instanceof ErpTransientError ? error.retryAfterMs : null;
  const delay = Math.max(retryAfterMs ?? 0, backoffDelay(failures, config.backoff));
  const resumeAt = now + delay;
  const throttled = error instanceof ErpTransientError && error.kind === 'THROTTLED';
  return {
    outcome: { kind: 'RETRY', entry: { ...entry, attempts: entry.attempts + 1, notBefore: resumeAt } },
    state: {
      limiter: throttled ? emptyBucket(now) : state.limiter,
      pausedUntil: Math.max(state.pausedUntil ?? 0, resumeAt),
      consecutiveFailures: failures,
    },
  };
}

export interface QueueStats {
  readonly depth: number;
  readonly oldestEnqueuedAt: number | null;
  readonly oldestAgeMs: number;
  readonly retrying: number;
}

/** What operations see about the wait: how many, how old, how many are failing. */
export function describeQueue(pending: readonly DrainEntry[], now: number): QueueStats {
  const oldest = pending.reduce<number | null>((min, e) => (min === null || e.enqueuedAt < min ? e.enqueuedAt : min), null);
  return {
    depth: pending.length,
    oldestEnqueuedAt: oldest,
    oldestAgeMs: oldest === null ? 0 : Math.max(0, now - oldest),
    retrying: pending.filter((e) => e.attempts > 0).length,
  };
}
