import type { DayFacts, GoodsIssueLineFact, ReservationFact } from './day-facts';
import type { Invariant } from './day-summary';

type ReplayFacts = Pick<DayFacts, 'reservations' | 'positions'> & { readonly goodsIssues?: DayFacts['goodsIssues'] };

interface OpenReservation {
  readonly orderId: string;
  readonly lineId: string;
  /** The most the reservation ever held open: what it reserved. */
  readonly reserved: number;
  readonly open: number;
  readonly version: number;
}

interface StockFigure {
  readonly qty: number;
  readonly version: number;
  readonly asOf: number;
}

/**
 * Replaying positions and reservation events in the order Kafka stored them: no reservation ever
 * takes the open reservations of a SKU at a location beyond the stock there (on hand, ERP's figure
 * where it reports, else the WMS's, plus inbound supply, which channel rules may count as sellable).
 *
 * A shipped unit leaves on-hand when the ERP posts its goods issue and leaves the reservation when
 * availability consumes it; the two reach Kafka in either order. Counting a unit the ERP position
 * already issued (a goods issue posted at or before the position's asOf, from the ERP's own books)
 * as still reserved would count it twice, so such units come off the reservation's open quantity:
 * at most the units issued for the line beyond what it already consumed.
 */
export function noReservationBeyondStock(facts: ReplayFacts): Invariant {
  type Step = { at: number; order: number; apply: () => string | null };
  const stock = new Map<string, { ERP?: StockFigure; WMS?: StockFigure }>();
  const open = new Map<string, Map<string, OpenReservation>>();
  const issued = issuedByLine(facts.goodsIssues ?? []);
  const steps: Step[] = [];
  for (const p of facts.positions) {
    steps.push({
      at: p.at,
      order: 0,
      apply: () => {
        const key = `${p.sku}@${p.locationId}`;
        const sources = stock.get(key) ?? {};
        const current = sources[p.source];
        if (!current || p.version > current.version) sources[p.source] = { qty: p.onHand + p.inbound, version: p.version, asOf: p.asOf };
        stock.set(key, sources);
        return null;
      },
    });
  }
  for (const r of facts.reservations) {
    steps.push({
      at: r.at,
      order: 1,
      apply: () => {
        const key = `${r.sku}@${r.locationId}`;
        const atLocation = open.get(key) ?? new Map<string, OpenReservation>();
        open.set(key, atLocation);
        const rawTotal = () => [...atLocation.values()].reduce((total, x) => total + x.open, 0);
        const before = rawTotal();
        remember(atLocation, r);
        // Only a reservation that adds to the total is a decision; stock adjusted down later is not an oversell.
        if (rawTotal() <= before) return null;
        const sources = stock.get(key);
        const figure = sources?.ERP ?? sources?.WMS;
        if (figure === undefined) return `${key}: ${rawTotal()} reserved with no known stock`;
        const erpAsOf = sources?.ERP?.asOf;
        const total = [...atLocation.values()].reduce(
          (sum, x) => sum + x.open - (erpAsOf === undefined ? 0 : issuedNotConsumed(x, issued.get(lineKey(x.orderId, x.lineId, r.locationId)) ?? [], erpAsOf)),
          0,
        );
        return total > figure.qty ? `${key}: ${total} reserved > ${figure.qty} in stock` : null;
      },
    });
  }
  const violations = steps
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map((s) => s.apply())
    .filter((v): v is string => v !== null);
  return {
    name: 'no reservation beyond stock',
    ok: violations.length === 0,
    detail:
      violations.length === 0
        ? `${facts.reservations.length} reservation events replayed against ${facts.positions.length} positions and ${facts.goodsIssues?.length ?? 0} goods-issue lines`
        : `${violations.length} violations, e.g. ${violations.slice(0, 3).join('; ')}`,
  };
}

function remember(atLocation: Map<string, OpenReservation>, r: ReservationFact): void {
  const current = atLocation.get(r.reservationId);
  if (current && r.version < current.version) return;
  atLocation.set(r.reservationId, {
    orderId: r.orderId,
    lineId: r.lineId,
    reserved: Math.max(current?.reserved ?? 0, r.openQuantity),
    open: r.openQuantity,
    version: r.version,
  });
}

/** Units of the reservation's line the ERP position already took off on-hand that the reservation still holds open. */
function issuedNotConsumed(r: OpenReservation, postings: readonly GoodsIssueLineFact[], erpAsOf: number): number {
  const reflected = postings.filter((p) => p.postedAt <= erpAsOf).reduce((sum, p) => sum + p.quantity, 0);
  const consumedOrReleased = r.reserved - r.open;
  return Math.min(r.open, Math.max(0, reflected - consumedOrReleased));
}

function issuedByLine(lines: readonly GoodsIssueLineFact[]): Map<string, GoodsIssueLineFact[]> {
  const byLine = new Map<string, GoodsIssueLineFact[]>();
  for (const line of lines) {
    const key = lineKey(line.orderId, line.lineId, line.locationId);
    byLine.set(key, [...(byLine.get(key) ?? []), line]);
  }
  return byLine;
}

function lineKey(orderId: string, lineId: string, locationId: string): string {
  return `${orderId}\u0000${lineId}\u0000${locationId}`;
}
