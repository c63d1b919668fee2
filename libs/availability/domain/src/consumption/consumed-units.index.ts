import type { OpenReservationTotals, OpenReservationsView } from '../sellable/stock.types';
import { unitsAwaitingErp, type ConsumedLineFacts } from './erp-settlement.rule';

/** One order line's consumed units at one location, with what is needed to tell when the ERP reflects them. */
export interface ConsumedLine extends ConsumedLineFacts {
  readonly orderId: string;
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
}

/** The ERP position's asOf for a SKU-location; undefined when the ERP reports none there. */
export type ErpAsOfLookup = (sku: string, locationId: string) => number | undefined;

/**
 * Consumed order lines per SKU-location, for the units still awaiting the ERP (unitsAwaitingErp).
 * A line is held until the ERP reflects all of it, then forgotten: `forgetSettled` after each
 * ERP position or fulfilment that may have settled it.
 */
export class ConsumedUnits {
  private readonly lines = new Map<string, Map<string, ConsumedLine>>();
  private held = 0;

  /** Holds the line's latest facts in place of earlier ones; a line that consumed nothing is dropped. */
  put(line: ConsumedLine): void {
    const key = skuLocationKey(line.sku, line.locationId);
    const atLocation = this.lines.get(key) ?? new Map<string, ConsumedLine>();
    const lineKey = `${line.orderId}\u0000${line.lineId}`;
    const had = atLocation.delete(lineKey);
    if (line.consumedQuantity > 0) atLocation.set(lineKey, line);
    this.held += (line.consumedQuantity > 0 ? 1 : 0) - (had ? 1 : 0);
    if (atLocation.size === 0) this.lines.delete(key);
    else this.lines.set(key, atLocation);
  }

  /**
   * The SKU-location's lines exactly as given, in place of whatever was held there: what the
   * database holds now, re-read after a change another instance committed.
   */
  replaceAt(sku: string, locationId: string, lines: Iterable<ConsumedLine>): void {
    const key = skuLocationKey(sku, locationId);
    this.held -= this.lines.get(key)?.size ?? 0;
    this.lines.delete(key);
    for (const line of lines) if (line.sku === sku && line.locationId === locationId) this.put(line);
  }

  /** Whether any consumed line is held at the SKU-location (cheap: no ERP lookup needed to know there is nothing). */
  holds(sku: string, locationId: string): boolean {
    return this.held > 0 && this.lines.has(skuLocationKey(sku, locationId));
  }

  /** Units awaiting the ERP at the SKU-location, total and per channel account; undefined when none. */
  awaitingAt(sku: string, locationId: string, erpAsOf: number | undefined): OpenReservationTotals | undefined {
    const atLocation = this.lines.get(skuLocationKey(sku, locationId));
    if (!atLocation) return undefined;
    let total = 0;
    const byChannel = new Map<string, number>();
    for (const line of atLocation.values()) {
      const units = unitsAwaitingErp(line, erpAsOf);
      if (units === 0) continue;
      total += units;
      byChannel.set(line.channelAccountId, (byChannel.get(line.channelAccountId) ?? 0) + units);
    }
    return total === 0 ? undefined : { total, byChannel };
  }

  /** Drops the SKU-location's lines the ERP fully reflects as of `erpAsOf`, and returns them. */
  forgetSettled(sku: string, locationId: string, erpAsOf: number | undefined): ConsumedLine[] {
    const key = skuLocationKey(sku, locationId);
    const atLocation = this.lines.get(key);
    if (!atLocation || erpAsOf === undefined) return [];
    const forgotten: ConsumedLine[] = [];
    for (const [lineKey, line] of atLocation) {
      if (unitsAwaitingErp(line, erpAsOf) > 0) continue;
      atLocation.delete(lineKey);
      forgotten.push(line);
    }
    if (atLocation.size === 0) this.lines.delete(key);
    this.held -= forgotten.length;
    return forgotten;
  }

  /** Every SKU-location holding a line, for a sweep after the start-up rebuild. */
  skuLocations(): Array<{ sku: string; locationId: string }> {
    const result: Array<{ sku: string; locationId: string }> = [];
    for (const atLocation of this.lines.values()) {
      const first = atLocation.values().next().value;
      if (first) result.push({ sku: first.sku, locationId: first.locationId });
    }
    return result;
  }

  size(): number {
    return this.held;
  }

  clear(): void {
    this.lines.clear();
    this.held = 0;
  }
}

/**
 * What sellable subtracts for hub commitments at a SKU-location: open reservations plus consumed
 * units awaiting the ERP, so a shipped unit counts once, whether the ERP has lowered its on-hand
 * yet or not. Both the published figures and the reservation decisions read through it.
 */
export class CommittedUnitsView implements OpenReservationsView {
  constructor(
    private readonly open: OpenReservationsView,
    private readonly consumed: ConsumedUnits,
    private readonly erpAsOf: ErpAsOfLookup,
  ) {}

  openAt(sku: string, locationId: string): OpenReservationTotals {
    return withAwaitingErp(this.open.openAt(sku, locationId), this.consumed, this.erpAsOf, sku, locationId);
  }
}

/** `open` plus the consumed units awaiting the ERP at the SKU-location; `open` itself when there are none. */
export function withAwaitingErp(
  open: OpenReservationTotals,
  consumed: ConsumedUnits,
  erpAsOf: ErpAsOfLookup,
  sku: string,
  locationId: string,
): OpenReservationTotals {
  if (!consumed.holds(sku, locationId)) return open;
  const awaiting = consumed.awaitingAt(sku, locationId, erpAsOf(sku, locationId));
  if (!awaiting) return open;
  const byChannel = new Map(open.byChannel);
  for (const [channelAccountId, units] of awaiting.byChannel) byChannel.set(channelAccountId, (byChannel.get(channelAccountId) ?? 0) + units);
  return { total: open.total + awaiting.total, byChannel };
}

function skuLocationKey(sku: string, locationId: string): string {
  return `${sku}\u0000${locationId}`;
}
