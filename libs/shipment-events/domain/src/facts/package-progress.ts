import type { Milestone } from '@crossdock/contracts';
import { deriveFulfilmentStatus } from '../fulfilment/fulfilment-status';
import { decideMilestoneStep, SHIPPED_RANK } from '../milestones/milestone-rank';
import type { OrderLineState, PackageState, ShipmentBook } from '../model/shipment-book';
import { HistoryOutcome } from '../reasons/shipment-reason-codes';
import type { HistoryEntry, MilestoneReached } from './fact-decision';

/** The source's report of a status, as history and milestone events keep it. */
export type SourceReport = Omit<MilestoneReached, 'packageReference' | 'milestone'>;

export interface ProgressResult {
  readonly book: ShipmentBook;
  readonly reached: MilestoneReached | null;
  readonly history: HistoryEntry;
  readonly newlyShipped: boolean;
}

function addToLines(lines: readonly OrderLineState[], pkg: PackageState, field: 'shippedQuantity' | 'deliveredQuantity'): OrderLineState[] {
  return lines.map((line) => {
    const units = pkg.lines.filter((l) => l.lineId === line.lineId).reduce((sum, l) => sum + l.quantity, 0);
    if (units === 0 || !pkg.shipmentId.endsWith(`@${line.locationId}`)) return line;
    const next = { ...line, [field]: line[field] + units };
    return { ...next, pickedQuantity: Math.max(next.pickedQuantity, next.shippedQuantity) };
  });
}

/**
 * Moves one package towards a milestone under the never-regress rule and keeps the source's
 * status in history either way. The package's units count as shipped the first time it stands at
 * or past SHIPPED (also when the carrier says so before the warehouse does), and as delivered the
 * first time it is DELIVERED; each only once, whatever arrives later.
 */
export function progressPackage(book: ShipmentBook, packageReference: string, milestone: Milestone, report: SourceReport): ProgressResult {
  const pkg = book.packages.find((p) => p.packageReference === packageReference);
  if (!pkg) throw new Error(`package ${packageReference} is not in the book of ${book.order.orderId}`);
  const step = decideMilestoneStep({ milestone: pkg.milestone, progressRank: pkg.progressRank }, milestone);
  const history: HistoryEntry = {
    packageReference,
    milestone,
    outcome: step.outcome,
    source: report.source,
    sourceStatus: report.sourceStatus,
    sourceStatusDetail: report.sourceStatusDetail,
    sourceOccurredAt: report.sourceOccurredAt,
  };
  if (step.outcome !== HistoryOutcome.Applied) return { book, reached: null, history, newlyShipped: false };

  let next: PackageState = { ...pkg, milestone: step.position.milestone, progressRank: step.position.progressRank };
  let lines = book.order.lines;
  const newlyShipped = next.progressRank >= SHIPPED_RANK && pkg.shippedAt === null;
  if (newlyShipped) {
    next = { ...next, shippedAt: report.sourceOccurredAt };
    lines = addToLines(lines, next, 'shippedQuantity');
  }
  if (milestone === 'DELIVERED' && pkg.deliveredAt === null) {
    next = { ...next, deliveredAt: report.sourceOccurredAt };
    lines = addToLines(lines, next, 'deliveredQuantity');
  }
  const order = lines === book.order.lines ? book.order : { ...book.order, lines, status: deriveFulfilmentStatus(lines) };
  return {
    book: { ...book, order, packages: book.packages.map((p) => (p.packageReference === packageReference ? next : p)) },
    reached: { ...report, packageReference, milestone },
    history,
    newlyShipped,
  };
}
