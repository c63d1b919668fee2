import type { ChangeOperation } from '../feed/feed-wire.schema';

/** What the WMS reports about a fulfilment request: its pick, pack and ship confirmations. */
export type WmsShipmentEventType = 'PICK_CONFIRMED' | 'PACK_CONFIRMED' | 'SHIP_CONFIRMED';

/**
 * One order line of a WMS shipment event, in the WMS's words. The quantity of the event's own step
 * (`qtyPicked` of a pick, `qtyPacked` of a pack, `qtyShipped` of a ship) is what this event
 * confirms; the others are the line's totals so far. `qtyShort` is the line's short-picked units
 * as the WMS knows them at the event (a state, repeated on later events of the line).
 */
export interface WmsShipmentLine {
  readonly lineRef: string;
  readonly itemNumber: string;
  readonly qtyOrdered: number;
  readonly qtyPicked: number;
  readonly qtyPacked: number;
  readonly qtyShipped: number;
  readonly qtyShort: number;
  readonly shortReason: string | null;
}

/** A carton: SSCC-18 id, carrier label (tracking once shipped), weight and contents. */
export interface WmsCarton {
  readonly cartonId: string;
  readonly carrier: string;
  readonly service: string;
  /** Null until the carton ships. */
  readonly trackingNumber: string | null;
  readonly weightLb: number;
  readonly contents: ReadonlyArray<{ readonly lineRef: string; readonly itemNumber: string; readonly qty: number }>;
}

/**
 * A record of the WMS's shipment-events change feed (`/api/shipment-events`), deliberately the
 * WMS's shape and not the hub's: one confirmation of one fulfilment request.
 */
export interface WmsShipmentEventRecord {
  readonly eventId: string;
  readonly eventType: WmsShipmentEventType;
  readonly facilityId: string;
  /** The WMS's fulfilment request id (its pick ticket). */
  readonly requestId: string;
  /** What the hub sent as the request's external reference: the release id. */
  readonly externalReference: string;
  /** The hub's order id, as released. */
  readonly orderRef: string;
  readonly lines: readonly WmsShipmentLine[];
  /** Empty for PICK_CONFIRMED; the cartons packed or shipped by this event otherwise. */
  readonly cartons: readonly WmsCarton[];
  /** ISO 8601; SHIP_CONFIRMED only. */
  readonly shipDate: string | null;
  readonly occurredAt: string;
}

export interface WmsShipmentEventChange {
  readonly seq: number;
  readonly op: ChangeOperation;
  readonly eventId: string;
  readonly record: WmsShipmentEventRecord | null;
}
