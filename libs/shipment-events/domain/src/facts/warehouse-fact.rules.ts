import type { PackageLine, WarehouseShipment } from '@crossdock/contracts';
import type { CarrierDirectory } from '../carriers/carrier-directory';
import { deriveFulfilmentStatus } from '../fulfilment/fulfilment-status';
import { warehouseStageMilestone } from '../milestones/source-status.mapping';
import { packageReferenceOf, shipmentIdOf, type OrderLineState, type PackageState, type ShipmentBook } from '../model/shipment-book';
import { ShipmentExceptionReason, WaitingReason } from '../reasons/shipment-reason-codes';
import type { FactDecision, HistoryEntry, MilestoneReached } from './fact-decision';
import { progressPackage, type SourceReport } from './package-progress';
import { conflictingTrackingUse, type TrackingUse } from './tracking-reuse.rule';

export interface WarehouseFactContext {
  readonly carriers: CarrierDirectory;
  /** Packages of any order already carrying the carrier + tracking numbers this fact names. */
  readonly trackingUses: readonly TrackingUse[];
}

const unitsOf = (lines: readonly PackageLine[], lineId: string) => lines.filter((l) => l.lineId === lineId).reduce((sum, l) => sum + l.quantity, 0);

/** The packages the fact reports; a SHIPPED fact of a source that reports lines only ships them as one package named after the fact. */
function reportedPackages(fact: WarehouseShipment): WarehouseShipment['packages'] {
  if (fact.packages.length > 0 || fact.stage !== 'SHIPPED') return fact.packages;
  const lines = fact.lines.filter((l) => l.quantity > 0).map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity }));
  if (lines.length === 0) return [];
  return [{ packageReference: `fact:${fact.factKey}`, carrierCode: null, serviceCode: null, trackingNumber: null, weight: null, lines }];
}

/** Units a line has shipped or has waiting in packed (not yet shipped) packages. */
function committedUnits(line: OrderLineState, packages: readonly PackageState[]): number {
  return line.shippedQuantity + packages.filter((p) => p.shippedAt === null).reduce((sum, p) => sum + unitsOf(p.lines, line.lineId), 0);
}

/**
 * One pick, pack or ship fact from a WMS or a 3PL's 945, applied atomically or not at all:
 * - no accepted order yet: it WAITS (ORDER_NOT_ACCEPTED) and applies when the order arrives;
 * - a line the order does not have at the fact's location: UNKNOWN_ORDER_LINE;
 * - a package naming a carrier the directory does not know (or with tracking and no known carrier): CARRIER_UNMAPPED;
 * - a tracking number another order used within 90 days: TRACKING_NUMBER_REUSED;
 * - more units than ordered minus cancelled, counting what shipped and what waits packed: OVER_SHIPMENT;
 * - otherwise: picked quantities grow by a PICKED fact, short quantities are the warehouse's figure
 *   per line (the highest reported: a later fact restating a short-pick does not add to it), and
 *   each package moves to PACKED / SHIPPED under the never-regress rule. A package reported again
 *   (pack, then ship) is the same package: its units count once.
 */
export function applyWarehouseFact(book: ShipmentBook | null, fact: WarehouseShipment, ctx: WarehouseFactContext): FactDecision {
  const milestone = warehouseStageMilestone(fact.stage);
  if (milestone === null) return { kind: 'UNREADABLE', detail: `warehouse stage ${fact.stage} is not one this reader knows` };
  if (book === null) return { kind: 'WAITING', reason: WaitingReason.OrderNotAccepted, detail: `order ${fact.orderId} is not accepted yet` };
  const { order } = book;
  const shipmentId = shipmentIdOf(order.orderId, fact.locationId);
  const atLocation = (lineId: string) => order.lines.find((l) => l.lineId === lineId && l.locationId === fact.locationId);

  const packages = reportedPackages(fact);
  const named = [...fact.lines.map((l) => l.lineId), ...packages.flatMap((p) => p.lines.map((l) => l.lineId))];
  const unknownLine = named.find((lineId) => !atLocation(lineId));
  if (unknownLine !== undefined) {
    return {
      kind: 'EXCEPTION',
      reason: ShipmentExceptionReason.UnknownOrderLine,
      detail: `order ${order.orderId} has no line ${unknownLine} at ${fact.locationId}`,
    };
  }

  const usedAt = fact.shipDate ?? fact.occurredAt;
  let next: PackageState[] = [...book.packages];
  for (const reported of packages) {
    const sourceCarrier = reported.carrierCode ?? (reported.trackingNumber ? order.carrierCode : null);
    const carrier = ctx.carriers.resolve(sourceCarrier);
    if (sourceCarrier !== null && !carrier) {
      return {
        kind: 'EXCEPTION',
        reason: ShipmentExceptionReason.CarrierUnmapped,
        detail: `carrier ${sourceCarrier} of package ${reported.packageReference} is not mapped`,
      };
    }
    if (carrier && reported.trackingNumber) {
      const uses = ctx.trackingUses.filter((u) => u.carrierCode === carrier.code && u.trackingNumber === reported.trackingNumber);
      const conflict = conflictingTrackingUse(uses, order.orderId, usedAt);
      if (conflict) {
        return {
          kind: 'EXCEPTION',
          reason: ShipmentExceptionReason.TrackingNumberReused,
          detail: `${carrier.code} ${reported.trackingNumber} is package ${conflict.packageReference} of order ${conflict.orderId} within 90 days`,
        };
      }
    }
    const packageReference = packageReferenceOf(fact.sourceSystem, reported.packageReference);
    const known = next.find((p) => p.packageReference === packageReference);
    const merged: PackageState = {
      packageReference,
      orderId: order.orderId,
      shipmentId,
      source: fact.source,
      sourceSystem: fact.sourceSystem,
      sourceCarrier: sourceCarrier ?? known?.sourceCarrier ?? null,
      carrierCode: carrier?.code ?? known?.carrierCode ?? null,
      serviceCode: reported.serviceCode ?? known?.serviceCode ?? null,
      trackingNumber: reported.trackingNumber ?? known?.trackingNumber ?? null,
      weight: reported.weight ?? known?.weight ?? null,
      // Units already counted as shipped stay as counted; before that the latest report says what is in the carton.
      lines: known && known.shippedAt !== null ? known.lines : reported.lines,
      milestone: known?.milestone ?? null,
      progressRank: known?.progressRank ?? 0,
      shippedAt: known?.shippedAt ?? null,
      deliveredAt: known?.deliveredAt ?? null,
    };
    next = known ? next.map((p) => (p === known ? merged : p)) : [...next, merged];
  }

  for (const line of order.lines.filter((l) => l.locationId === fact.locationId)) {
    const allowed = line.orderedQuantity - line.cancelledQuantity;
    const before = committedUnits(line, book.packages);
    const after = committedUnits(line, next);
    if (after > before && after > allowed) {
      return {
        kind: 'EXCEPTION',
        reason: ShipmentExceptionReason.OverShipment,
        detail: `line ${line.lineId}: ${after} units shipped or packed, ${allowed} ordered (less cancelled)`,
      };
    }
  }

  const lines = order.lines.map((line) => {
    const reported = fact.lines.filter((l) => l.lineId === line.lineId && line.locationId === fact.locationId);
    if (reported.length === 0) return line;
    const picked = fact.stage === 'PICKED' ? reported.reduce((sum, l) => sum + l.quantity, 0) : 0;
    const short = Math.max(line.shortQuantity, ...reported.map((l) => l.shortQuantity));
    return { ...line, pickedQuantity: line.pickedQuantity + picked, shortQuantity: short };
  });
  let current: ShipmentBook = { ...book, order: { ...order, lines }, packages: next };

  const shortReasons = [...new Set(fact.lines.map((l) => l.shortReason).filter((r): r is string => r !== null))];
  const report: SourceReport = {
    source: fact.source,
    sourceStatus: fact.stage,
    sourceStatusDetail: shortReasons.length > 0 ? `short: ${shortReasons.join(', ')}` : null,
    location: null,
    sourceOccurredAt: fact.occurredAt,
    causationId: fact.eventId,
  };
  const milestones: MilestoneReached[] = [];
  const history: HistoryEntry[] = [];
  const newlyShipped: string[] = [];
  const touched = packages.map((p) => packageReferenceOf(fact.sourceSystem, p.packageReference));
  for (const packageReference of touched) {
    const result = progressPackage(current, packageReference, milestone, report);
    current = result.book;
    history.push(result.history);
    if (result.reached) milestones.push(result.reached);
    if (result.newlyShipped) newlyShipped.push(packageReference);
  }
  // Whatever is packed or shipped was picked, also when the source reports no pick (a 945 reports shipping only).
  const finalLines = current.order.lines.map((line) => {
    const packed = current.packages.filter((p) => p.shipmentId.endsWith(`@${line.locationId}`)).reduce((sum, p) => sum + unitsOf(p.lines, line.lineId), 0);
    return { ...line, pickedQuantity: Math.max(line.pickedQuantity, packed, line.shippedQuantity) };
  });
  const changed = JSON.stringify(finalLines) !== JSON.stringify(order.lines);
  const finalOrder = { ...current.order, lines: finalLines, status: deriveFulfilmentStatus(finalLines), version: order.version + (changed ? 1 : 0) };
  return {
    kind: 'APPLIED',
    book: { ...current, order: finalOrder },
    effects: { milestones, history, newlyShipped, touchedPackages: touched, fulfilmentChanged: changed },
  };
}
