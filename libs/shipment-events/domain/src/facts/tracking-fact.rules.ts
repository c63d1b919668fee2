import type { ScanLocation, TrackingUpdate } from '@crossdock/contracts';
import type { CarrierDirectory } from '../carriers/carrier-directory';
import { trackerMilestone } from '../milestones/source-status.mapping';
import type { ShipmentBook } from '../model/shipment-book';
import { HistoryOutcome, ShipmentExceptionReason, WaitingReason } from '../reasons/shipment-reason-codes';
import type { FactDecision } from './fact-decision';
import { progressPackage, type SourceReport } from './package-progress';

/** The hub carrier of a tracking update, or the CARRIER_UNMAPPED exception. */
export function trackingCarrier(
  update: TrackingUpdate,
  carriers: CarrierDirectory,
): { kind: 'MAPPED'; carrierCode: string } | Extract<FactDecision, { kind: 'EXCEPTION' }> {
  const carrier = carriers.resolve(update.carrier);
  if (carrier) return { kind: 'MAPPED', carrierCode: carrier.code };
  return {
    kind: 'EXCEPTION',
    reason: ShipmentExceptionReason.CarrierUnmapped,
    detail: `carrier ${update.carrier} of tracker ${update.trackerId} is not mapped`,
  };
}

/** Where the newest scan happened (EasyPost tracking_details[] is oldest first). */
function scanLocation(update: TrackingUpdate): ScanLocation | null {
  const newest = update.trackingDetails.at(-1);
  if (!newest || (!newest.city && !newest.state && !newest.zip && !newest.country)) return null;
  return { city: newest.city, region: newest.state, postalCode: newest.zip, countryCode: newest.country };
}

/**
 * A carrier tracking update for the package that carries its carrier and number (the caller finds
 * it: the newest use). With no such package yet it WAITS (PACKAGE_NOT_KNOWN): tracking may come
 * before the warehouse's ship fact. A status with no milestone (EasyPost `unknown`) is kept in the
 * package's history and moves nothing; others move the package under the never-regress rule.
 */
export function applyTrackingUpdate(book: ShipmentBook | null, packageReference: string | null, update: TrackingUpdate): FactDecision {
  if (book === null || packageReference === null) {
    return { kind: 'WAITING', reason: WaitingReason.PackageNotKnown, detail: `no package with ${update.carrier} ${update.trackingCode} yet` };
  }
  const report: SourceReport = {
    source: 'CARRIER',
    sourceStatus: update.rawStatus,
    sourceStatusDetail: update.statusDetail,
    location: scanLocation(update),
    sourceOccurredAt: update.occurredAt,
    causationId: update.eventId,
  };
  const milestone = trackerMilestone(update.status);
  if (milestone === null) {
    const history = { packageReference, milestone: null, outcome: HistoryOutcome.NoMilestone, ...report };
    return { kind: 'APPLIED', book, effects: { milestones: [], history: [history], newlyShipped: [], touchedPackages: [], fulfilmentChanged: false } };
  }
  const result = progressPackage(book, packageReference, milestone, report);
  const changed = result.book.order !== book.order;
  const order = changed ? { ...result.book.order, version: book.order.version + 1 } : result.book.order;
  return {
    kind: 'APPLIED',
    book: { ...result.book, order },
    effects: {
      milestones: result.reached ? [result.reached] : [],
      history: [result.history],
      newlyShipped: result.newlyShipped ? [packageReference] : [],
      touchedPackages: result.reached ? [packageReference] : [],
      fulfilmentChanged: changed,
    },
  };
}
