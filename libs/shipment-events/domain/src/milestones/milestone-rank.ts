import type { Milestone } from '@crossdock/contracts';
import { HistoryOutcome } from '../reasons/shipment-reason-codes';

/**
 * Rank of the main line, in the order a package normally passes it. DELIVERY_FAILED and EXCEPTION
 * are side branches (rank 0: they never raise the progress); RETURNED_TO_SENDER ends the package.
 */
const MAIN_LINE_RANK: Readonly<Partial<Record<Milestone, number>>> = {
  LABEL_CREATED: 1,
  PICKED: 2,
  PACKED: 3,
  SHIPPED: 4,
  IN_TRANSIT: 5,
  OUT_FOR_DELIVERY: 6,
  AVAILABLE_FOR_PICKUP: 7,
  DELIVERED: 8,
};

const SIDE_BRANCHES: ReadonlySet<Milestone> = new Set(['DELIVERY_FAILED', 'EXCEPTION']);
const TERMINAL: ReadonlySet<Milestone> = new Set(['DELIVERED', 'RETURNED_TO_SENDER']);

/** The main-line rank of a milestone (0 for side branches, returns and UNKNOWN). */
export function milestoneRank(milestone: Milestone): number {
  return MAIN_LINE_RANK[milestone] ?? 0;
}

export const SHIPPED_RANK = milestoneRank('SHIPPED');

/** Where a package stands: its current milestone and the highest main-line rank it reached. */
export interface MilestonePosition {
  readonly milestone: Milestone | null;
  readonly progressRank: number;
}

export interface MilestoneStep {
  readonly outcome: typeof HistoryOutcome.Applied | typeof HistoryOutcome.Repeated | typeof HistoryOutcome.MilestoneRegression;
  readonly position: MilestonePosition;
}

/**
 * The one rule of milestone order. Milestones never regress:
 * - DELIVERED and RETURNED_TO_SENDER are terminal: anything after them is a regression (a late
 *   "in transit" after "delivered" is kept in history only);
 * - a main-line milestone applies when it ranks above the progress reached; right after a side
 *   branch (DELIVERY_FAILED, EXCEPTION) it also applies at the same rank, because that is the
 *   carrier recovering (out for delivery again after a failed attempt, delivered after a failure);
 * - DELIVERY_FAILED and EXCEPTION apply from any non-terminal milestone other than themselves;
 * - RETURNED_TO_SENDER applies from any non-terminal milestone;
 * - the milestone the package already stands at is a repeat.
 */
export function decideMilestoneStep(position: MilestonePosition, next: Milestone): MilestoneStep {
  const { milestone: current, progressRank } = position;
  if (current === next) return { outcome: HistoryOutcome.Repeated, position };
  if (current !== null && TERMINAL.has(current)) return { outcome: HistoryOutcome.MilestoneRegression, position };
  if (next === 'UNKNOWN') return { outcome: HistoryOutcome.MilestoneRegression, position };
  if (SIDE_BRANCHES.has(next) || next === 'RETURNED_TO_SENDER') {
    return { outcome: HistoryOutcome.Applied, position: { milestone: next, progressRank } };
  }
  const rank = milestoneRank(next);
  const afterSideBranch = current !== null && SIDE_BRANCHES.has(current);
  if (rank > progressRank || (afterSideBranch && rank === progressRank)) {
    return { outcome: HistoryOutcome.Applied, position: { milestone: next, progressRank: Math.max(rank, progressRank) } };
  }
  return { outcome: HistoryOutcome.MilestoneRegression, position };
}
