import type { FactSource, Milestone, ScanLocation } from '@crossdock/contracts';
import type { ShipmentBook } from '../model/shipment-book';
import type { HistoryOutcome, ShipmentExceptionReason, WaitingReason } from '../reasons/shipment-reason-codes';

/** A package reached a milestone: one ShipmentMilestone (and the channel updates its mapping tells). */
export interface MilestoneReached {
  readonly packageReference: string;
  readonly milestone: Milestone;
  readonly source: FactSource;
  readonly sourceStatus: string;
  readonly sourceStatusDetail: string | null;
  readonly location: ScanLocation | null;
  readonly sourceOccurredAt: number;
  /** eventId of the fact that moved the package. */
  readonly causationId: string;
}

/** One source status in a package's history, applied or not. */
export interface HistoryEntry {
  readonly packageReference: string;
  readonly milestone: Milestone | null;
  readonly outcome: HistoryOutcome;
  readonly source: FactSource;
  readonly sourceStatus: string;
  readonly sourceStatusDetail: string | null;
  readonly sourceOccurredAt: number;
}

export interface FactEffects {
  readonly milestones: readonly MilestoneReached[];
  readonly history: readonly HistoryEntry[];
  /** Packages whose units were counted as shipped by this fact (each goes to the ERP confirmation queue once). */
  readonly newlyShipped: readonly string[];
  /** Packages created or changed. */
  readonly touchedPackages: readonly string[];
  /** Whether the order's fulfilment changed (a new OrderFulfilment version). */
  readonly fulfilmentChanged: boolean;
}

/** What the rules decided for one fact. */
export type FactDecision =
  | { readonly kind: 'APPLIED'; readonly book: ShipmentBook; readonly effects: FactEffects }
  | { readonly kind: 'WAITING'; readonly reason: WaitingReason; readonly detail: string }
  | { readonly kind: 'EXCEPTION'; readonly reason: ShipmentExceptionReason; readonly detail: string }
  /** Valid Avro the rules cannot read (a stage or status added after this reader): dead-lettered. */
  | { readonly kind: 'UNREADABLE'; readonly detail: string };
