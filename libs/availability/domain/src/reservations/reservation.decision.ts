import type { ShortageReason } from '@crossdock/contracts';
import type { ChannelRuleSet } from '../channel-rules/channel-rule-set.model';
import { computeLocationSellable } from '../sellable/location-sellable.calculator';
import type { ItemFacts } from '../sellable/sellable-quantity.calculator';
import type { LocationStock, OpenReservationTotals } from '../sellable/stock.types';

export interface ReserveLineRequest {
  readonly orderId: string;
  readonly lineId: string;
  readonly sku: string;
  /** Location order-ingest routed the line to (AcceptedLine.locationId). */
  readonly locationId: string;
  readonly channelAccountId: string;
  /** Base-unit quantity (AcceptedLine.quantity). */
  readonly quantity: number;
  /** eventId of the OrderAccepted that asks for the reservation. */
  readonly causationId: string;
  readonly occurredAt: number;
}

export interface ReservationDecisionInput {
  readonly request: ReserveLineRequest;
  readonly rules: ChannelRuleSet;
  /** Merged ERP/WMS stock of the SKU at the requested location; undefined when neither reported. */
  readonly stock: LocationStock | undefined;
  /** Open reservations of the SKU at the requested location, every channel account included. */
  readonly reservations: OpenReservationTotals;
  readonly item: ItemFacts | undefined;
  readonly now: number;
  /** Refuse to reserve against stock figures older than this; null = never stale. */
  readonly maxStockAgeMs: number | null;
}

export interface ShortageFacts {
  readonly reason: Exclude<ShortageReason, 'UNKNOWN'>;
  readonly requestedQuantity: number;
  /** What the channel account could have reserved at the location; never negative. */
  readonly availableQuantity: number;
  readonly reservedQuantity: number;
  /** null only when the channel account has no rules, so no location could be eligible. */
  readonly locationId: string | null;
  /** True when neither ERP nor WMS reported the SKU at the location (unknown, not zero). */
  readonly positionUnknown: boolean;
}

export type ReservationDecision =
  | {
      readonly kind: 'RESERVE';
      readonly quantity: number;
      readonly shortage: ShortageFacts | null;
    }
  | { readonly kind: 'SHORT'; readonly shortage: ShortageFacts };

/**
 * Can this order line be reserved, and how much?
 *
 * The check reads only the SKU-location's own state — its stock, every channel account's open
 * reservations there, and the static rules — never the channel's published figure. So a database
 * transaction that locks the SKU-location row, reads the open reservations, decides and inserts,
 * serialises racing channels: the second transaction sees the first one's reservation, and of two
 * orders for the last unit exactly one gets it. Safety stock, buffers and exposure caps are
 * publication rules (what a channel is shown), not enforced here: an order that arrived was sold
 * against a figure that already deducted them, and safety stock is network-wide, so enforcing it
 * would need a per-SKU lock across locations. Ring-fences are enforced: they are per location.
 */
export function decideReservation(input: ReservationDecisionInput): ReservationDecision {
  const { request, rules, stock } = input;
  const requested = request.quantity;
  const rule = rules.channel(request.channelAccountId);
  if (!rule) return short('NO_ELIGIBLE_LOCATION', requested, 0, null, stock === undefined);
  if (!rule.locationIds.includes(request.locationId)) {
    return short('NO_ELIGIBLE_LOCATION', requested, 0, request.locationId, stock === undefined);
  }
  const location = computeLocationSellable({
    locationId: request.locationId,
    locationType: rules.location(request.locationId)?.locationType ?? 'UNKNOWN',
    channelAccountId: request.channelAccountId,
    stock,
    inboundRule: rule.inbound,
    reservations: input.reservations,
    ringFences: rules.ringFencesAt(request.sku, request.locationId),
    now: input.now,
  });
  const available = location.availableToChannel;
  if (stock && input.maxStockAgeMs !== null && input.now - stock.asOf > input.maxStockAgeMs) {
    return short('STALE_INVENTORY', requested, available, request.locationId, false);
  }
  if (requested <= available) return { kind: 'RESERVE', quantity: requested, shortage: null };

  const reason = shortageReason(input, available, location.sellableQuantity);
  if (rule.partialReservation && available > 0) {
    return {
      kind: 'RESERVE',
      quantity: available,
      shortage: facts(reason, requested, available, available, request.locationId, false),
    };
  }
  return short(reason, requested, available, request.locationId, stock === undefined);
}

function shortageReason(input: ReservationDecisionInput, available: number, beforeRingFences: number): ShortageFacts['reason'] {
  if (input.item?.discontinued && available === 0) return 'ITEM_DISCONTINUED';
  // The units exist at the location but other channel accounts' ring-fences hold them.
  if (input.request.quantity <= beforeRingFences) return 'CHANNEL_ALLOCATION_EXHAUSTED';
  return 'INSUFFICIENT_STOCK';
}

function short(
  reason: ShortageFacts['reason'],
  requested: number,
  available: number,
  locationId: string | null,
  positionUnknown: boolean,
): ReservationDecision {
  return {
    kind: 'SHORT',
    shortage: facts(reason, requested, available, 0, locationId, positionUnknown),
  };
}

function facts(
  reason: ShortageFacts['reason'],
  requestedQuantity: number,
  availableQuantity: number,
  reservedQuantity: number,
  locationId: string | null,
  positionUnknown: boolean,
): ShortageFacts {
  return {
    reason,
    requestedQuantity,
    availableQuantity,
    reservedQuantity,
    locationId,
    positionUnknown,
  };
}
