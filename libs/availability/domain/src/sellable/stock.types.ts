import type { InboundSupply } from '@crossdock/contracts';

/** Which connector reported a position: each has its own compacted topic with the same schema. */
export type PositionSource = 'ERP' | 'WMS';

/** The figures of one source's latest position for one SKU-location. */
export interface PositionFigures {
  readonly onHand: number;
  readonly allocated: number;
  readonly qualityHold: number;
  readonly inbound: readonly InboundSupply[];
  readonly asOf: number;
  readonly version: number;
  readonly sourceSystem: string;
}

/** ERP and WMS positions of one SKU-location, as the cache holds them; either may be missing. */
export interface SkuLocationPositions {
  readonly sku: string;
  readonly locationId: string;
  readonly erp: PositionFigures | undefined;
  readonly wms: PositionFigures | undefined;
}

/**
 * The one stock picture of a SKU-location after the ERP/WMS ownership rules; the input of every
 * sellable computation and reservation decision.
 */
export interface LocationStock {
  readonly sku: string;
  readonly locationId: string;
  /** As reported; may be negative (sources allow it), the calculator clamps. */
  readonly onHand: number;
  readonly allocated: number;
  readonly qualityHold: number;
  readonly inbound: readonly InboundSupply[];
  /** Oldest asOf of the positions used: the figure is only as fresh as its stalest input. */
  readonly asOf: number;
  readonly sources: readonly PositionSource[];
}

/** Open hub reservations of one SKU-location, total and per channel account (for ring-fences). */
export interface OpenReservationTotals {
  readonly total: number;
  readonly byChannel: ReadonlyMap<string, number>;
}

export interface OpenReservationsView {
  openAt(sku: string, locationId: string): OpenReservationTotals;
}
