import type { LocationType, SalesChannel } from '@crossdock/contracts';

/** A stock-holding location the hub knows. Positions for any other location are dead-lettered. */
export interface LocationRule {
  readonly locationId: string;
  readonly locationType: Exclude<LocationType, 'UNKNOWN'>;
  readonly name: string | null;
}

/**
 * When a channel may sell stock that has not arrived yet. Supply due later than `horizonHours`
 * is too uncertain to promise; supply overdue by more than `overdueGraceHours` is probably never
 * coming (a PO nobody closed), and counting it forever would oversell.
 */
export interface InboundRule {
  readonly horizonHours: number;
  readonly overdueGraceHours: number;
}

/** Availability rules of one channel account (store, marketplace account, trading partner). */
export interface ChannelRule {
  readonly channelAccountId: string;
  readonly channel: Exclude<SalesChannel, 'UNKNOWN'>;
  /** Locations whose stock this channel account may sell, i.e. which warehouses/3PLs serve it. */
  readonly locationIds: readonly string[];
  /** Share of the sellable quantity held back to absorb the channel's update latency, 0 ≤ x < 100. */
  readonly bufferPercent: number;
  /** Most units the channel is ever shown (exposure cap); null = uncapped. */
  readonly maxExposure: number | null;
  /** null = the channel never sells inbound supply. */
  readonly inbound: InboundRule | null;
  /** Reservations of this channel's orders lapse after this long unless shipped; null = never. */
  readonly reservationTtlHours: number | null;
  /**
   * B2B partners usually accept a partial shipment and backorder the rest, while marketplaces
   * penalise partial fulfilment: so whether a short line reserves what there is is per channel.
   */
  readonly partialReservation: boolean;
}

/** Per-SKU exceptions to a channel's rules (e.g. a launch item capped on a marketplace). */
export interface SkuOverride {
  readonly channelAccountId: string;
  readonly sku: string;
  readonly bufferPercent: number | null;
  readonly maxExposure: number | null;
}

/**
 * Units of one SKU at one location set aside for one channel account: the owner sees them, every
 * other channel account does not. The owner's own open reservations draw the fence down first.
 */
export interface RingFence {
  readonly channelAccountId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
}

/** One version of the availability rules, as parsed from a rules file. */
export interface ChannelRulesDocument {
  /** Monotonic revision of the rules; a service never replaces loaded rules with a lower one. */
  readonly version: number;
  readonly locations: readonly LocationRule[];
  readonly channels: readonly ChannelRule[];
  readonly skuOverrides: readonly SkuOverride[];
  readonly ringFences: readonly RingFence[];
}

/** The rule values that apply to one SKU on one channel account, overrides resolved. */
export interface EffectiveChannelRule extends ChannelRule {
  readonly sku: string;
}
