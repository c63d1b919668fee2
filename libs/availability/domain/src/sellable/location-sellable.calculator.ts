import type { LocationType } from '@crossdock/contracts';
import type { InboundRule, RingFence } from '../channel-rules/channel-rules.types';
import { countableInbound } from './inbound-supply.window';
import type { LocationStock, OpenReservationTotals } from './stock.types';

/** What one location contributes to one channel account, with the inputs that produced it. */
export interface LocationSellable {
  readonly locationId: string;
  readonly locationType: LocationType;
  /** False when neither ERP nor WMS reported the SKU here: contributes 0 but is not a known zero. */
  readonly known: boolean;
  /** On-hand used: the reported figure clamped at zero. */
  readonly onHand: number;
  readonly allocated: number;
  /** Quality hold subtracted: never more than on-hand, so a hold cannot eat other stock. */
  readonly qualityHold: number;
  /** Open hub reservations of all channel accounts. */
  readonly reserved: number;
  readonly inboundCounted: number;
  /** max(0, onHand − allocated − qualityHold − reserved + inboundCounted); the schema's figure. */
  readonly sellableQuantity: number;
  /** Other channel accounts' ring-fenced units this channel account may not see. */
  readonly hiddenByRingFences: number;
  /** What this channel account can actually sell or reserve here. */
  readonly availableToChannel: number;
  readonly asOf: number | null;
}

export interface LocationSellableInput {
  readonly locationId: string;
  readonly locationType: LocationType;
  readonly channelAccountId: string;
  readonly stock: LocationStock | undefined;
  readonly inboundRule: InboundRule | null;
  readonly reservations: OpenReservationTotals;
  readonly ringFences: readonly RingFence[];
  readonly now: number;
}

/**
 * Sellable stock of one SKU at one location for one channel account. Every term is per location
 * and clamped here, so a location with holds above on-hand (a data glitch, or quarantine of stock
 * not yet booked in) cannot subtract from another location's stock. Both the published figure
 * and the reservation decision use this one function, so a channel can reserve what it was shown.
 */
export function computeLocationSellable(input: LocationSellableInput): LocationSellable {
  const { stock } = input;
  const hiddenByRingFences = remainingFencesOfOthers(input.ringFences, input.channelAccountId, input.reservations);
  if (!stock) {
    return {
      locationId: input.locationId,
      locationType: input.locationType,
      known: false,
      onHand: 0,
      allocated: 0,
      qualityHold: 0,
      reserved: input.reservations.total,
      inboundCounted: 0,
      sellableQuantity: 0,
      hiddenByRingFences,
      availableToChannel: 0,
      asOf: null,
    };
  }
  const onHand = Math.max(0, stock.onHand);
  const qualityHold = Math.min(Math.max(0, stock.qualityHold), onHand);
  const allocated = Math.max(0, stock.allocated);
  const reserved = input.reservations.total;
  const inboundCounted = countableInbound(stock.inbound, input.inboundRule, input.now);
  const sellableQuantity = Math.max(0, onHand - allocated - qualityHold - reserved + inboundCounted);
  return {
    locationId: input.locationId,
    locationType: input.locationType,
    known: true,
    onHand,
    allocated,
    qualityHold,
    reserved,
    inboundCounted,
    sellableQuantity,
    hiddenByRingFences,
    availableToChannel: Math.max(0, sellableQuantity - hiddenByRingFences),
    asOf: stock.asOf,
  };
}

// A fence shrinks as its owner's reservations draw on it, so the owner's sales come out of its
// own fence before the shared pool, and other channels get the units back as the fence is used.
function remainingFencesOfOthers(fences: readonly RingFence[], channelAccountId: string, reservations: OpenReservationTotals): number {
  let hidden = 0;
  for (const fence of fences) {
    if (fence.channelAccountId === channelAccountId) continue;
    hidden += Math.max(0, fence.quantity - (reservations.byChannel.get(fence.channelAccountId) ?? 0));
  }
  return hidden;
}
