import { percentile, type Invariant } from './day-summary';

/** A package milestone shipment-events published (Topics.shipmentMilestones), in topic order. */
export interface MilestoneFact {
  readonly orderId: string;
  readonly packageReference: string;
  readonly milestone: string;
  readonly causationId: string;
  readonly sourceOccurredAt: number;
  readonly at: number;
}

/** A channel shipment update (Topics.channelShipmentUpdates). */
export interface ChannelUpdateFact {
  readonly channel: string;
  readonly milestone: string;
  readonly fallbackUsed: boolean;
  readonly sourceOccurredAt: number;
  readonly at: number;
}

/** The newest OrderFulfilment line of an order (Topics.orderFulfilment, compacted). */
export interface FulfilmentLineFact {
  readonly orderId: string;
  readonly lineId: string;
  readonly shippedQuantity: number;
  readonly deliveredQuantity: number;
}

/** A reservation event that consumed units (Topics.reservations, type CONSUMED). */
export interface ConsumptionFact {
  /** The ReservationEvent's id: a redelivered event (outbox relay retried) is the same fact. */
  readonly eventId: string;
  readonly orderId: string;
  readonly lineId: string;
  readonly quantity: number;
}

/** A fact shipment-events was given (WMS, 3PL 945, carrier webhook), and what it says became of it. */
export interface ShipmentInputFact {
  readonly eventId: string;
  readonly source: 'WMS' | 'THIRD_PARTY_LOGISTICS' | 'CARRIER';
  /** APPLIED, DUPLICATE, WAITING (with a reason), EXCEPTION (with a reason), or null when shipment-events has no record of it. */
  readonly disposition: string | null;
}

/** A record of an input topic (wmsShipments, thirdPartyShipments, carrierTracking), as delivered. */
export interface RecordedInput {
  readonly eventId: string;
  readonly source: ShipmentInputFact['source'];
  readonly at: number;
}

/** What shipment-events says it did with a fact (GET /facts): the first delivery's eventId, its state, and further deliveries. */
export interface StoredFact {
  readonly eventId: string;
  readonly status: string;
  readonly reason: string | null;
  readonly duplicateCount: number;
}

/**
 * Each delivered record's disposition: the stored fact with its eventId (APPLIED, WAITING or
 * EXCEPTION, with the reason), or DUPLICATE when it repeats an eventId already accounted for or
 * is one of the further deliveries shipment-events counted against a business key it already
 * had. A record beyond those is unaccounted (null): it vanished.
 */
export function accountForInputs(inputs: readonly RecordedInput[], stored: readonly StoredFact[]): ShipmentInputFact[] {
  const byEventId = new Map(stored.map((fact) => [fact.eventId, fact]));
  let furtherDeliveries = stored.reduce((sum, fact) => sum + fact.duplicateCount, 0);
  const seen = new Set<string>();
  return inputs.map((input) => {
    const fact = byEventId.get(input.eventId);
    if (fact && !seen.has(input.eventId)) {
      seen.add(input.eventId);
      return { eventId: input.eventId, source: input.source, disposition: fact.reason ? `${fact.status} ${fact.reason}` : fact.status };
    }
    if (fact) return { eventId: input.eventId, source: input.source, disposition: 'DUPLICATE' };
    if (furtherDeliveries > 0) {
      furtherDeliveries -= 1;
      return { eventId: input.eventId, source: input.source, disposition: 'DUPLICATE' };
    }
    return { eventId: input.eventId, source: input.source, disposition: null };
  });
}

/** What the ERP simulator's books say about goods issues and invoices, per hub package reference. */
export interface ErpShipmentBooks {
  readonly goodsIssues: ReadonlyArray<{ readonly packageReference: string; readonly documentNumber: string; readonly duplicateSubmissions: number }>;
  readonly invoices: ReadonlyArray<{ readonly invoiceNumber: string; readonly packageReference: string | null }>;
}

export interface ShipmentFacts {
  /** Units availability reserved per order line (RESERVED events); a line accepted on a shortage has none. */
  readonly reserved: readonly ConsumptionFact[];
  readonly milestones: readonly MilestoneFact[];
  readonly channelUpdates: readonly ChannelUpdateFact[];
  readonly fulfilment: readonly FulfilmentLineFact[];
  readonly consumptions: readonly ConsumptionFact[];
  readonly inputs: readonly ShipmentInputFact[];
  readonly erp: ErpShipmentBooks;
}

export interface ShipmentSummary {
  readonly packagesShipped: number;
  readonly packagesDelivered: number;
  readonly unitsShipped: number;
  readonly unitsDelivered: number;
  readonly milestones: number;
  readonly channelUpdates: number;
  readonly channelUpdatesWithFallback: number;
  /** Source event (warehouse or carrier) -> channel shipment update published. */
  readonly updateTimelinessMs: { readonly p50: number; readonly p99: number; readonly count: number };
  readonly inputsByDisposition: Readonly<Record<string, number>>;
  readonly invariants: readonly Invariant[];
}

/**
 * The shipping half of the day, from topics and the simulators' books alone. `wouldRegress` is
 * shipment-events' own milestone rule, so a regression is a published milestone that rule refuses.
 */
/** shipment-events' own milestone rule: would `next`, after the milestones already published for a package, be a regression? */
export type RegressionRule = (published: readonly string[], next: string) => boolean;

export function summarizeShipments(facts: ShipmentFacts, wouldRegress: RegressionRule): ShipmentSummary {
  const packagesAt = (milestone: string) => new Set(facts.milestones.filter((m) => m.milestone === milestone).map((m) => m.packageReference));
  const shipped = packagesAt('SHIPPED');
  const delivered = packagesAt('DELIVERED');
  const timeliness = facts.channelUpdates.map((u) => u.at - u.sourceOccurredAt);
  const inputsByDisposition: Record<string, number> = {};
  for (const input of facts.inputs)
    inputsByDisposition[input.disposition ?? 'UNACCOUNTED'] = (inputsByDisposition[input.disposition ?? 'UNACCOUNTED'] ?? 0) + 1;
  return {
    packagesShipped: shipped.size,
    packagesDelivered: delivered.size,
    unitsShipped: facts.fulfilment.reduce((sum, line) => sum + line.shippedQuantity, 0),
    unitsDelivered: facts.fulfilment.reduce((sum, line) => sum + line.deliveredQuantity, 0),
    milestones: facts.milestones.length,
    channelUpdates: facts.channelUpdates.length,
    channelUpdatesWithFallback: facts.channelUpdates.filter((u) => u.fallbackUsed).length,
    updateTimelinessMs: { p50: percentile(timeliness, 50), p99: percentile(timeliness, 99), count: timeliness.length },
    inputsByDisposition,
    invariants: [
      erpConfirmedOnce(shipped, facts.erp),
      reservationsConsumed(facts),
      noRegression(facts.milestones, wouldRegress),
      everyFactAccountedFor(facts.inputs),
    ],
  };
}

function erpConfirmedOnce(shipped: ReadonlySet<string>, erp: ErpShipmentBooks): Invariant {
  const issues = new Map<string, number>();
  for (const issue of erp.goodsIssues) issues.set(issue.packageReference, (issues.get(issue.packageReference) ?? 0) + 1);
  const invoiced = new Set(erp.invoices.map((i) => i.packageReference));
  const notConfirmed = [...shipped].filter((p) => !issues.has(p));
  const twice = [...issues].filter(([, n]) => n > 1).map(([p]) => p);
  const notShipped = [...issues.keys()].filter((p) => !shipped.has(p));
  const notInvoiced = [...shipped].filter((p) => issues.has(p) && !invoiced.has(p));
  const repeats = erp.goodsIssues.reduce((sum, i) => sum + i.duplicateSubmissions, 0);
  return {
    name: 'every shipped package confirmed in the ERP exactly once and invoiced',
    ok: notConfirmed.length + twice.length + notShipped.length + notInvoiced.length === 0,
    detail:
      `${shipped.size} packages shipped, ${issues.size} goods issues, ${invoiced.size} invoiced; ` +
      `not confirmed ${notConfirmed.length}, confirmed twice ${twice.length}, confirmed but not shipped ${notShipped.length}, not invoiced ${notInvoiced.length}` +
      ` (repeated submissions answered with the same document: ${repeats})` +
      (notConfirmed.length + twice.length + notShipped.length + notInvoiced.length === 0
        ? ''
        : `; e.g. ${[...notConfirmed.slice(0, 2), ...twice.slice(0, 2), ...notShipped.slice(0, 2), ...notInvoiced.slice(0, 2)].join(', ')}`),
  };
}

function reservationsConsumed(facts: ShipmentFacts): Invariant {
  const sum = (list: readonly ConsumptionFact[]) => {
    const totals = new Map<string, number>();
    for (const c of list) totals.set(`${c.orderId}|${c.lineId}`, (totals.get(`${c.orderId}|${c.lineId}`) ?? 0) + c.quantity);
    return totals;
  };
  const consumed = sum(facts.consumptions);
  const reserved = sum(facts.reserved);
  const shippedLines = facts.fulfilment.filter((line) => line.shippedQuantity > 0);
  // A shipped unit consumes its reservation; units shipped beyond what was reserved (accepted on a shortage) have none to consume.
  const expected = (line: FulfilmentLineFact) => Math.min(line.shippedQuantity, reserved.get(`${line.orderId}|${line.lineId}`) ?? 0);
  const wrong = shippedLines.filter((line) => (consumed.get(`${line.orderId}|${line.lineId}`) ?? 0) !== expected(line));
  const unreserved = shippedLines.filter((line) => !reserved.has(`${line.orderId}|${line.lineId}`)).length;
  const example = wrong[0];
  return {
    name: 'every reservation of a shipped line consumed',
    ok: wrong.length === 0,
    detail:
      `${shippedLines.length} shipped lines (${unreserved} accepted without a reservation), ${wrong.length} whose consumed quantity differs from the reserved units shipped` +
      (example
        ? ` (e.g. ${example.orderId} line ${example.lineId}: shipped ${example.shippedQuantity}, reserved ${reserved.get(`${example.orderId}|${example.lineId}`) ?? 0}, consumed ${consumed.get(`${example.orderId}|${example.lineId}`) ?? 0})`
        : ''),
  };
}

function noRegression(milestones: readonly MilestoneFact[], wouldRegress: RegressionRule): Invariant {
  const published = new Map<string, string[]>();
  const regressions: MilestoneFact[] = [];
  for (const m of milestones) {
    const before = published.get(m.packageReference) ?? [];
    if (wouldRegress(before, m.milestone)) regressions.push(m);
    published.set(m.packageReference, [...before, m.milestone]);
  }
  const example = regressions[0];
  return {
    name: 'no milestone regressed',
    ok: regressions.length === 0,
    detail:
      `${milestones.length} milestones of ${published.size} packages, ${regressions.length} published that the milestone rule calls a regression` +
      (example ? ` (e.g. ${example.packageReference}: ${[...(published.get(example.packageReference) ?? [])].join(' > ')})` : ''),
  };
}

function everyFactAccountedFor(inputs: readonly ShipmentInputFact[]): Invariant {
  const unaccounted = inputs.filter((i) => i.disposition === null);
  const bySource = (source: ShipmentInputFact['source']) => inputs.filter((i) => i.source === source).length;
  return {
    name: 'every shipment fact accounted for',
    ok: unaccounted.length === 0,
    detail:
      `${inputs.length} facts (WMS ${bySource('WMS')}, 3PL ${bySource('THIRD_PARTY_LOGISTICS')}, carrier ${bySource('CARRIER')}): ` +
      `applied, duplicate, waiting with a reason or an exception; unaccounted ${unaccounted.length}` +
      (unaccounted[0] ? ` (e.g. ${unaccounted[0].eventId})` : ''),
  };
}
