import type { ChannelRuleSet } from '../channel-rules/channel-rule-set.model';
import { computeLocationSellable, type LocationSellable } from './location-sellable.calculator';
import type { LocationStock, OpenReservationsView } from './stock.types';

/** The item master facts availability needs; undefined when the item master has no record yet. */
export interface ItemFacts {
  readonly safetyStock: number;
  readonly discontinued: boolean;
}

export interface SellableQuantityInput {
  readonly sku: string;
  readonly channelAccountId: string;
  readonly rules: ChannelRuleSet;
  /** Every location of the SKU the cache knows (merged ERP/WMS), eligible for the channel or not. */
  readonly stock: readonly LocationStock[];
  readonly reservations: OpenReservationsView;
  readonly item: ItemFacts | undefined;
  readonly now: number;
}

export interface ChannelSellable {
  readonly kind: 'SELLABLE';
  readonly sku: string;
  readonly channelAccountId: string;
  /** The number a channel is shown; never negative. */
  readonly sellableQuantity: number;
  /** One entry per location serving the channel account, in rule order. */
  readonly locations: readonly LocationSellable[];
  /** Sum of what the eligible locations can give this channel account (after others' ring-fences). */
  readonly poolQuantity: number;
  readonly ringFencedForOthers: number;
  readonly safetyStockApplied: number;
  readonly bufferApplied: number;
  /** The exposure cap when it lowered the figure, else null. */
  readonly capApplied: number | null;
  readonly itemKnown: boolean;
  /** Oldest asOf among the eligible positions used; null when none of them reported. */
  readonly basedOnAsOf: number | null;
  readonly ruleSetVersion: string;
}

/**
 * The channel account has no rules, or the SKU has no position anywhere: the answer is "unknown",
 * which must not be published or served as a zero (a zero delists a product on most channels).
 */
export type SellableUnknown =
  | {
      readonly kind: 'UNKNOWN_CHANNEL_ACCOUNT';
      readonly sku: string;
      readonly channelAccountId: string;
    }
  | {
      readonly kind: 'UNKNOWN_SKU';
      readonly sku: string;
      readonly channelAccountId: string;
    };

export type SellableResult = ChannelSellable | SellableUnknown;

const BASIS_POINTS_PER_WHOLE = 10_000;

/**
 * Sellable quantity of one SKU for one channel account:
 *   per eligible location: max(0, onHand − allocated − qualityHold − open reservations
 *                                 + inbound due within the channel's window) − others' ring-fences
 *   network: Σ locations − safety stock, then the channel buffer (rounded so the channel is shown
 *   less, never more), then the exposure cap; never below zero.
 * Safety stock is taken whole from every channel's pool rather than split between channels: the
 * item master defines it for the network, and a share would let channels together dip into it.
 */
export function computeSellableQuantity(input: SellableQuantityInput): SellableResult {
  const { sku, channelAccountId, rules } = input;
  const rule = rules.effectiveRule(channelAccountId, sku);
  if (!rule) return { kind: 'UNKNOWN_CHANNEL_ACCOUNT', sku, channelAccountId };
  if (input.stock.length === 0) return { kind: 'UNKNOWN_SKU', sku, channelAccountId };

  const locations = rule.locationIds.map((locationId) =>
    computeLocationSellable({
      locationId,
      locationType: rules.location(locationId)?.locationType ?? 'UNKNOWN',
      channelAccountId,
      stock: stockAt(input.stock, locationId),
      inboundRule: rule.inbound,
      reservations: input.reservations.openAt(sku, locationId),
      ringFences: rules.ringFencesAt(sku, locationId),
      now: input.now,
    }),
  );

  let poolQuantity = 0;
  let ringFencedForOthers = 0;
  let basedOnAsOf: number | null = null;
  for (const location of locations) {
    poolQuantity += location.availableToChannel;
    ringFencedForOthers += Math.min(location.hiddenByRingFences, location.sellableQuantity);
    if (location.asOf !== null) basedOnAsOf = basedOnAsOf === null ? location.asOf : Math.min(basedOnAsOf, location.asOf);
  }

  const safetyStockApplied = Math.min(poolQuantity, Math.max(0, input.item?.safetyStock ?? 0));
  const afterSafetyStock = poolQuantity - safetyStockApplied;
  const afterBuffer = applyBuffer(afterSafetyStock, rule.bufferPercent);
  const capApplied = rule.maxExposure !== null && afterBuffer > rule.maxExposure ? rule.maxExposure : null;

  return {
    kind: 'SELLABLE',
    sku,
    channelAccountId,
    sellableQuantity: capApplied ?? afterBuffer,
    locations,
    poolQuantity,
    ringFencedForOthers,
    safetyStockApplied,
    bufferApplied: afterSafetyStock - afterBuffer,
    capApplied,
    itemKnown: input.item !== undefined,
    basedOnAsOf,
    ruleSetVersion: rules.ruleSetVersion,
  };
}

// A SKU is stocked at a handful of locations: a scan, not a Map built per channel and update.
function stockAt(stock: readonly LocationStock[], locationId: string): LocationStock | undefined {
  for (const entry of stock) if (entry.locationId === locationId) return entry;
  return undefined;
}

/**
 * Integer basis points keep 12.5 % of 8 from becoming 6.999999 through float error; the result
 * is floored so a buffer always rounds in the distributor's favour.
 */
export function applyBuffer(quantity: number, bufferPercent: number): number {
  const basisPoints = Math.round(bufferPercent * 100);
  return Math.floor((quantity * (BASIS_POINTS_PER_WHOLE - basisPoints)) / BASIS_POINTS_PER_WHOLE);
}
