import type { WmsCarton, WmsShipmentEventRecord, WmsShipmentEventType, WmsShipmentLine } from '@crossdock/connectors/domain';
import type { ChangeFeedTable } from '../core/change-feed.table';
import type { SeededRandom } from '../core/seeded-random';
import { carrierFamily, sscc18, trackingNumber } from './parcel-labels.generator';

/** A fulfilment request as the hub posts it (POST /api/fulfillment-requests), in the WMS's words. */
export interface FulfilmentRequestInput {
  /** The caller's idempotency key: the hub's release id. */
  readonly externalReference: string;
  readonly facilityId: string;
  readonly orderRef: string;
  readonly customerReference: string | null;
  readonly shipVia: { readonly carrier: string; readonly service: string };
  readonly shipTo: unknown;
  readonly requiredShipDate: string | null;
  readonly lines: ReadonlyArray<{ readonly lineRef: string; readonly itemNumber: string; readonly qty: number; readonly uom: string }>;
}

export type FulfilmentStatus = 'RELEASED' | 'PICKED' | 'PACKED' | 'PARTIALLY_SHIPPED' | 'SHIPPED' | 'CANCELLED';

export interface FulfilmentLine extends WmsShipmentLine {
  readonly uom: string;
}

export interface FulfilmentCarton extends WmsCarton {
  readonly shipped: boolean;
}

/** The WMS's books for one request: what was asked, picked, packed and shipped. */
export interface FulfilmentRequest extends Omit<FulfilmentRequestInput, 'lines'> {
  readonly requestId: string;
  readonly status: FulfilmentStatus;
  readonly lines: readonly FulfilmentLine[];
  readonly cartons: readonly FulfilmentCarton[];
  readonly createdAt: string;
}

/** A request the WMS refuses, with the HTTP status and its own error code. */
export class FulfilmentRefused extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FulfilmentRefused';
  }
}

/** What the desk needs of the WMS around it: its stock and clock. */
export interface FulfilmentFloor {
  readonly facilities: readonly string[];
  readonly clock: () => number;
  readonly random: SeededRandom;
  /** Units at the facility that could be picked now (physical less holds), or undefined when the item is not kept there. */
  pickable(sku: string, facilityId: string): number | undefined;
  /** Units shipped: the physical count drops. */
  shipped(sku: string, facilityId: string, qty: number): void;
  weightKg(sku: string): number;
}

/** Settings of the demo's hands-off fulfilment: each step `delayMs` after the previous one. */
export interface AutoFulfilment {
  readonly delayMs: number;
  /** Chance that a request is short-picked by one unit (0..1). */
  readonly shortPickChance?: number;
  /** Chance that a request of more than one unit ships in two cartons (0..1). */
  readonly splitChance?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type RequestState = Mutable<Omit<FulfilmentRequest, 'lines' | 'cartons'>> & {
  lines: Mutable<FulfilmentLine>[];
  cartons: Mutable<FulfilmentCarton>[];
  nextStepAt: number;
};

const KG_TO_LB = 2.204_62;
const CARTON_TARE_LB = 0.6;

/**
 * The WMS's fulfilment desk: takes fulfilment requests (idempotent by external reference), cancels
 * them until picking starts, and picks, packs and ships exactly what each request asked, writing
 * a PICK_CONFIRMED, PACK_CONFIRMED and SHIP_CONFIRMED event per step to its shipment-events feed.
 * Tests drive it step by step (`pick`, `pack`, `ship`), with short-picks, split and partial
 * shipments; the demo lets `advance` do it after a delay.
 */
export class WmsFulfilmentDesk {
  private readonly requests = new Map<string, RequestState>();
  private readonly byReference = new Map<string, string>();
  private readonly forcedTracking: string[] = [];
  private requestNumber = 100_000;
  private cartonSerial = 0;
  /** Event numbers continue above a previous run's (they start at the clock), like the change numbers. */
  private eventNumber: number;

  constructor(
    private readonly floor: FulfilmentFloor,
    readonly events: ChangeFeedTable,
    private readonly auto: AutoFulfilment | undefined = undefined,
  ) {
    this.cartonSerial = Math.floor(floor.clock() / 1000) % 100_000_000;
    this.eventNumber = Math.floor(floor.clock());
  }

  /** Creates the request, or returns the one already made for this external reference. */
  create(input: FulfilmentRequestInput): { request: FulfilmentRequest; created: boolean } {
    const existing = this.byReference.get(input.externalReference);
    if (existing !== undefined) return { request: this.view(existing), created: false };
    if (!this.floor.facilities.includes(input.facilityId)) {
      throw new FulfilmentRefused(422, 'UNKNOWN_FACILITY', `facility ${input.facilityId} is not operated by this WMS`, 'facilityId');
    }
    if (input.lines.length === 0) throw new FulfilmentRefused(400, 'INVALID_REQUEST', 'a request needs at least one line', 'lines');
    input.lines.forEach((line, index) => {
      if (!Number.isSafeInteger(line.qty) || line.qty < 1)
        throw new FulfilmentRefused(400, 'INVALID_REQUEST', `lines[${index}].qty must be a positive whole number`, `lines[${index}].qty`);
      if (this.floor.pickable(line.itemNumber, input.facilityId) === undefined) {
        throw new FulfilmentRefused(422, 'UNKNOWN_ITEM', `item ${line.itemNumber} is not kept at ${input.facilityId}`, `lines[${index}].itemNumber`);
      }
    });
    const requestId = `FR-${++this.requestNumber}`;
    const now = this.floor.clock();
    this.requests.set(requestId, {
      requestId,
      externalReference: input.externalReference,
      facilityId: input.facilityId,
      orderRef: input.orderRef,
      customerReference: input.customerReference,
      shipVia: input.shipVia,
      shipTo: input.shipTo,
      requiredShipDate: input.requiredShipDate,
      status: 'RELEASED',
      lines: input.lines.map((line) => ({
        lineRef: line.lineRef,
        itemNumber: line.itemNumber,
        uom: line.uom,
        qtyOrdered: line.qty,
        qtyPicked: 0,
        qtyPacked: 0,
        qtyShipped: 0,
        qtyShort: 0,
        shortReason: null,
      })),
      cartons: [],
      createdAt: new Date(now).toISOString(),
      nextStepAt: now + (this.auto?.delayMs ?? 0),
    });
    this.byReference.set(input.externalReference, requestId);
    return { request: this.view(requestId), created: true };
  }

  get(requestId: string): FulfilmentRequest | undefined {
    return this.requests.has(requestId) ? this.view(requestId) : undefined;
  }

  byExternalReference(externalReference: string): FulfilmentRequest | undefined {
    const requestId = this.byReference.get(externalReference);
    return requestId === undefined ? undefined : this.view(requestId);
  }

  /** Every request, oldest first (the books tests and the demo check). */
  all(): FulfilmentRequest[] {
    return [...this.requests.keys()].map((id) => this.view(id));
  }

  /** Stops a request not yet picked; a second cancel is answered alike; too late once picking began. */
  cancel(requestId: string): FulfilmentRequest {
    const request = this.require(requestId);
    if (request.status === 'RELEASED') request.status = 'CANCELLED';
    else if (request.status !== 'CANCELLED') {
      const code = request.status === 'SHIPPED' || request.status === 'PARTIALLY_SHIPPED' ? 'ALREADY_SHIPPED' : 'ALREADY_PICKED';
      throw new FulfilmentRefused(409, code, `request ${requestId} is ${request.status}: picking has begun`);
    }
    return this.view(requestId);
  }

  /**
   * Picks every line: `picks` gives a line's picked units (a short-pick below its order), otherwise
   * as much as the shelf has up to the ordered quantity; what is missing is short with `shortReason`.
   */
  pick(requestId: string, picks: Readonly<Record<string, number>> = {}, shortReason = 'STOCKOUT'): WmsShipmentEventRecord {
    const request = this.require(requestId);
    if (request.status !== 'RELEASED') throw new FulfilmentRefused(409, 'NOT_RELEASED', `request ${requestId} is ${request.status}, not RELEASED`);
    for (const line of request.lines) {
      const available = Math.max(0, this.floor.pickable(line.itemNumber, request.facilityId) ?? 0) - this.pickedUnshipped(line.itemNumber, request.facilityId);
      const wanted = picks[line.lineRef] ?? line.qtyOrdered;
      line.qtyPicked = Math.max(0, Math.min(wanted, line.qtyOrdered, available));
      line.qtyShort = line.qtyOrdered - line.qtyPicked;
      line.shortReason = line.qtyShort > 0 ? shortReason : null;
    }
    request.status = 'PICKED';
    return this.record(request, 'PICK_CONFIRMED', request.lines, []);
  }

  /**
   * Packs picked units into cartons: `cartons` lists each carton's contents (line and units);
   * by default one carton with everything picked and not yet packed.
   */
  pack(requestId: string, cartons?: ReadonlyArray<ReadonlyArray<{ readonly lineRef: string; readonly qty: number }>>): WmsShipmentEventRecord {
    const request = this.require(requestId);
    if (request.status !== 'PICKED' && request.status !== 'PACKED' && request.status !== 'PARTIALLY_SHIPPED') {
      throw new FulfilmentRefused(409, 'NOT_PICKED', `request ${requestId} is ${request.status}: nothing picked to pack`);
    }
    const plan = cartons ?? [request.lines.filter((l) => l.qtyPicked > l.qtyPacked).map((l) => ({ lineRef: l.lineRef, qty: l.qtyPicked - l.qtyPacked }))];
    const packed = new Map<string, number>();
    const made: Mutable<FulfilmentCarton>[] = plan.map((contents) => {
      if (contents.length === 0) throw new FulfilmentRefused(400, 'EMPTY_CARTON', 'a carton needs contents');
      const lines = contents.map(({ lineRef, qty }) => {
        const line = request.lines.find((l) => l.lineRef === lineRef);
        if (!line) throw new FulfilmentRefused(400, 'UNKNOWN_LINE', `request ${requestId} has no line ${lineRef}`);
        const total = (packed.get(lineRef) ?? 0) + qty;
        if (qty < 1 || line.qtyPacked + total > line.qtyPicked)
          throw new FulfilmentRefused(409, 'NOT_PICKED', `line ${lineRef} has ${line.qtyPicked - line.qtyPacked} picked units to pack`);
        packed.set(lineRef, total);
        return { lineRef, itemNumber: line.itemNumber, qty };
      });
      const weight = lines.reduce((sum, c) => sum + c.qty * this.floor.weightKg(c.itemNumber) * KG_TO_LB, CARTON_TARE_LB);
      return {
        cartonId: sscc18(++this.cartonSerial),
        carrier: request.shipVia.carrier,
        service: request.shipVia.service,
        trackingNumber: null,
        weightLb: Math.round(weight * 10) / 10,
        contents: lines,
        shipped: false,
      };
    });
    for (const line of request.lines) line.qtyPacked += packed.get(line.lineRef) ?? 0;
    request.cartons.push(...made);
    if (request.status === 'PICKED' && request.lines.every((l) => l.qtyPacked === l.qtyPicked)) request.status = 'PACKED';
    return this.record(
      request,
      'PACK_CONFIRMED',
      request.lines.filter((l) => packed.has(l.lineRef)).map((l) => ({ ...l, qtyPacked: packed.get(l.lineRef) ?? 0 })),
      made,
    );
  }

  /**
   * Ships packed cartons (all not yet shipped, or `cartonIds`: a partial shipment), each with a
   * carrier tracking number (`trackingNumbers` forces one per carton), and takes their units off
   * the physical count.
   */
  ship(
    requestId: string,
    options: { readonly cartonIds?: readonly string[]; readonly trackingNumbers?: Readonly<Record<string, string>> } = {},
  ): WmsShipmentEventRecord {
    const request = this.require(requestId);
    const waiting = request.cartons.filter((c) => !c.shipped && (options.cartonIds === undefined || options.cartonIds.includes(c.cartonId)));
    if (waiting.length === 0) throw new FulfilmentRefused(409, 'NOTHING_PACKED', `request ${requestId} has no packed carton to ship`);
    const shipped = new Map<string, number>();
    for (const carton of waiting) {
      carton.shipped = true;
      carton.trackingNumber =
        options.trackingNumbers?.[carton.cartonId] ?? this.forcedTracking.shift() ?? trackingNumber(carrierFamily(carton.carrier), this.floor.random);
      for (const content of carton.contents) {
        shipped.set(content.lineRef, (shipped.get(content.lineRef) ?? 0) + content.qty);
        this.floor.shipped(content.itemNumber, request.facilityId, content.qty);
      }
    }
    for (const line of request.lines) line.qtyShipped += shipped.get(line.lineRef) ?? 0;
    request.status = request.lines.every((l) => l.qtyShipped === l.qtyPicked) ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
    const now = new Date(this.floor.clock()).toISOString();
    return this.record(
      request,
      'SHIP_CONFIRMED',
      request.lines.filter((l) => shipped.has(l.lineRef)).map((l) => ({ ...l, qtyShipped: shipped.get(l.lineRef) ?? 0 })),
      waiting,
      now,
    );
  }

  /** The next carton shipped gets this tracking number (a carrier reusing a number, for the demo). */
  forceNextTrackingNumber(tracking: string): void {
    this.forcedTracking.push(tracking);
  }

  /** The demo's hands-off fulfilment: moves every request whose next step is due by one step. */
  advance(now = this.floor.clock()): number {
    if (!this.auto) return 0;
    let moved = 0;
    for (const request of this.requests.values()) {
      if (request.nextStepAt > now) continue;
      const step = this.autoStep(request);
      if (step === null) continue;
      request.nextStepAt = now + this.auto.delayMs;
      moved += 1;
    }
    return moved;
  }

  private autoStep(request: RequestState): WmsShipmentEventRecord | null {
    const random = this.floor.random;
    switch (request.status) {
      case 'RELEASED': {
        const short = random.chance(this.auto?.shortPickChance ?? 0) ? random.pick(request.lines) : undefined;
        return this.pick(request.requestId, short ? { [short.lineRef]: short.qtyOrdered - 1 } : {});
      }
      case 'PICKED': {
        const units = request.lines.flatMap((l) => Array.from({ length: l.qtyPicked - l.qtyPacked }, () => l.lineRef));
        if (units.length === 0) return null;
        if (units.length < 2 || !random.chance(this.auto?.splitChance ?? 0)) return this.pack(request.requestId);
        const half = Math.ceil(units.length / 2);
        return this.pack(request.requestId, [contentsOf(units.slice(0, half)), contentsOf(units.slice(half))]);
      }
      case 'PACKED':
        return this.ship(request.requestId);
      case 'PARTIALLY_SHIPPED':
      case 'SHIPPED':
      case 'CANCELLED':
        return null;
    }
  }

  private pickedUnshipped(sku: string, facilityId: string): number {
    let units = 0;
    for (const request of this.requests.values()) {
      if (request.facilityId !== facilityId) continue;
      for (const line of request.lines) if (line.itemNumber === sku) units += line.qtyPicked - line.qtyShipped;
    }
    return units;
  }

  private record(
    request: RequestState,
    eventType: WmsShipmentEventType,
    lines: readonly FulfilmentLine[],
    cartons: readonly FulfilmentCarton[],
    shipDate: string | null = null,
  ): WmsShipmentEventRecord {
    const eventId = `WMS-SE-${++this.eventNumber}`;
    const change = this.events.upsert(eventId, (seq) => {
      const record: WmsShipmentEventRecord = {
        eventId,
        eventType,
        facilityId: request.facilityId,
        requestId: request.requestId,
        externalReference: request.externalReference,
        orderRef: request.orderRef,
        lines: lines.map(({ uom: _uom, ...line }) => line),
        cartons: cartons.map(({ shipped: _shipped, ...carton }) => ({ ...carton, contents: [...carton.contents] })),
        shipDate,
        occurredAt: new Date(this.floor.clock()).toISOString(),
      };
      return { seq, op: 'UPSERT', eventId, record };
    });
    return change['record'] as WmsShipmentEventRecord;
  }

  private view(requestId: string): FulfilmentRequest {
    const { nextStepAt: _next, ...request } = this.require(requestId);
    return structuredClone(request);
  }

  private require(requestId: string): RequestState {
    const request = this.requests.get(requestId);
    if (!request) throw new FulfilmentRefused(404, 'NOT_FOUND', `no fulfilment request ${requestId}`);
    return request;
  }
}

function contentsOf(lineRefs: readonly string[]): Array<{ lineRef: string; qty: number }> {
  const counts = new Map<string, number>();
  for (const lineRef of lineRefs) counts.set(lineRef, (counts.get(lineRef) ?? 0) + 1);
  return [...counts].map(([lineRef, qty]) => ({ lineRef, qty }));
}
