import type { ChannelAvailability, SalesChannel } from '@crossdock/contracts';
import type { ChannelSellable } from './sellable-quantity.calculator';

export interface ChannelAvailabilityMeta {
  readonly channel: SalesChannel;
  readonly channelSku: string | null;
  readonly computedAt: number;
  /** Monotonic per key; the publisher owns the sequence (e.g. last published + 1, or computedAt). */
  readonly version: number;
}

/** The ChannelAvailability record for a computed figure, with the breakdown that explains it. */
export function buildChannelAvailability(sellable: ChannelSellable, meta: ChannelAvailabilityMeta): ChannelAvailability {
  return {
    sku: sellable.sku,
    channelAccountId: sellable.channelAccountId,
    channel: meta.channel,
    channelSku: meta.channelSku,
    sellableQuantity: sellable.sellableQuantity,
    locations: sellable.locations.map((location) => ({
      locationId: location.locationId,
      locationType: location.locationType,
      onHand: location.onHand,
      allocated: location.allocated,
      qualityHold: location.qualityHold,
      reserved: location.reserved,
      inboundCounted: location.inboundCounted,
      sellableQuantity: location.sellableQuantity,
    })),
    safetyStockApplied: sellable.safetyStockApplied,
    bufferApplied: sellable.bufferApplied,
    cap: reportedCap(sellable),
    ruleSetVersion: sellable.ruleSetVersion,
    computedAt: meta.computedAt,
    // No eligible location reported: the figure is as fresh as the computation that found that out.
    basedOnAsOf: sellable.basedOnAsOf ?? meta.computedAt,
    version: meta.version,
  };
}

/**
 * The `cap` a published record and the query API report. It covers both limits: the exposure cap,
 * or others' ring-fences holding the channel below what the eligible locations physically have.
 */
export function reportedCap(sellable: ChannelSellable): number | null {
  if (sellable.capApplied !== null) return sellable.capApplied;
  return sellable.ringFencedForOthers > 0 ? sellable.sellableQuantity : null;
}
