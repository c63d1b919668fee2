import { FACT_EXCEPTION_REASONS, ShipmentExceptionReason } from '../reasons/shipment-reason-codes';
import type { TrackingUse } from '../facts/tracking-reuse.rule';

/** What a replay of one exception came to (`ExceptionReplay.outcome`). Stable: the audit and dashboards key on them. */
export const ReplayOutcome = {
  /** The parked fact ran through the rules again and applied; the exception is resolved. */
  Applied: 'APPLIED',
  /** The fact still fails (the same reason or another); the exception stays open with the reason it has now. */
  StillFailing: 'STILL_FAILING',
  /** A refused release or cancellation, or an unknown release: no fact to run again, the cause is the warehouse's to fix. */
  NotReplayable: 'NOT_REPLAYABLE',
  /** Resolved before this replay (an earlier replay applied it): nothing is applied twice. */
  AlreadyResolved: 'ALREADY_RESOLVED',
} as const;

export type ReplayOutcome = (typeof ReplayOutcome)[keyof typeof ReplayOutcome];

export const REPLAY_OUTCOMES = Object.values(ReplayOutcome) as [ReplayOutcome, ...ReplayOutcome[]];

/** The part of an exception that decides whether a replay may run it. */
export interface ReplayCandidate {
  readonly status: 'OPEN' | 'RESOLVED' | string;
  readonly reason: string;
  readonly factId: string | null;
}

/**
 * Whether a replay runs the exception's fact again ('REPLAY') or only records why not: a resolved
 * exception is never applied twice, and only a parked fact can be re-run (a release the warehouse
 * refused is fixed at the warehouse or by a new order, not by replaying our side).
 */
export function replayDecision(exception: ReplayCandidate): 'REPLAY' | typeof ReplayOutcome.AlreadyResolved | typeof ReplayOutcome.NotReplayable {
  if (exception.status === 'RESOLVED') return ReplayOutcome.AlreadyResolved;
  if (exception.factId === null || !FACT_EXCEPTION_REASONS.has(exception.reason as ShipmentExceptionReason)) return ReplayOutcome.NotReplayable;
  return 'REPLAY';
}

/** Whether an exception's reason can ever be replayed (GET /exceptions `replayable`). */
export function isReplayableReason(reason: string): boolean {
  return FACT_EXCEPTION_REASONS.has(reason as ShipmentExceptionReason);
}

/** A replay's outcome from what the rules made of the fact this time. A replay never leaves a fact waiting: it applies or fails. */
export function replayOutcomeOf(result: 'APPLIED' | 'WAITING' | 'EXCEPTION'): ReplayOutcome {
  return result === 'APPLIED' ? ReplayOutcome.Applied : ReplayOutcome.StillFailing;
}

/**
 * The tracking uses a replay decides with when the operator accepts a TRACKING_NUMBER_REUSED
 * (they checked with the carrier that the number was re-issued to this order): only this order's
 * own packages count, so the other order's earlier use no longer conflicts. Tracking updates then go
 * to the newest use, this order's package (trackedPackage).
 */
export function usesAfterReuseAccepted(uses: readonly TrackingUse[], orderId: string): TrackingUse[] {
  return uses.filter((u) => u.orderId === orderId);
}

/** Whether an operator's acceptance of a reused tracking number applies to an exception of this reason. */
export function reuseAcceptanceApplies(reason: string): boolean {
  return reason === ShipmentExceptionReason.TrackingNumberReused;
}
