import type { ChannelShipmentUpdate, OrderFulfilment, ShipmentMilestone } from '@crossdock/contracts';
import type { CarrierDirectory } from '../carriers/carrier-directory';
import { channelPackageId } from '../channel-status/channel-package-id';
import { translateMilestone, type ChannelStatusMappings } from '../channel-status/channel-status.mapping';
import type { MilestoneReached } from '../facts/fact-decision';
import type { OrderState, PackageState, ShipmentBook } from '../model/shipment-book';
import type { RuleContext } from '../orders/order-release.rules';

/** The order's current fulfilment as the compacted OrderFulfilment record (version monotonic per order). */
export function fulfilmentRecord(order: OrderState, now: number): OrderFulfilment {
  return {
    orderId: order.orderId,
    channel: order.channel,
    channelAccountId: order.channelAccountId,
    channelOrderId: order.channelOrderId,
    erpOrderNumber: order.erpOrderNumber,
    status: order.status,
    lines: order.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      locationId: l.locationId,
      orderedQuantity: l.orderedQuantity,
      pickedQuantity: l.pickedQuantity,
      shortQuantity: l.shortQuantity,
      shippedQuantity: l.shippedQuantity,
      deliveredQuantity: l.deliveredQuantity,
      cancelledQuantity: l.cancelledQuantity,
      erpPostings: [...l.erpPostings],
    })),
    version: order.version,
    updatedAt: now,
  };
}

function packageOf(book: ShipmentBook, reached: MilestoneReached): PackageState {
  const pkg = book.packages.find((p) => p.packageReference === reached.packageReference);
  if (!pkg) throw new Error(`package ${reached.packageReference} is not in the book of ${book.order.orderId}`);
  return pkg;
}

/** The ShipmentMilestone of a package that reached a milestone. */
export function milestoneEvent(book: ShipmentBook, reached: MilestoneReached, ctx: RuleContext): ShipmentMilestone {
  const pkg = packageOf(book, reached);
  return {
    eventId: ctx.newEventId(),
    causationId: reached.causationId,
    orderId: book.order.orderId,
    channel: book.order.channel,
    channelAccountId: book.order.channelAccountId,
    channelOrderId: book.order.channelOrderId,
    shipmentId: pkg.shipmentId,
    packageReference: pkg.packageReference,
    milestone: reached.milestone,
    source: reached.source,
    sourceStatus: reached.sourceStatus,
    sourceStatusDetail: reached.sourceStatusDetail,
    carrierCode: pkg.carrierCode,
    trackingNumber: pkg.trackingNumber,
    location: reached.location,
    lines: pkg.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    sourceOccurredAt: reached.sourceOccurredAt,
    occurredAt: ctx.now,
  };
}

/**
 * The channel update for a milestone event, when the channel account's mapping tells the channel
 * about that milestone: the channel's word (or the mapping's fallback, flagged), the carrier as the
 * channel names it and the public tracking URL.
 */
export function channelUpdate(
  book: ShipmentBook,
  milestone: ShipmentMilestone,
  deps: { readonly mappings: ChannelStatusMappings; readonly carriers: CarrierDirectory },
  ctx: RuleContext,
): ChannelShipmentUpdate | null {
  const { order } = book;
  const mapping = deps.mappings.forAccount(order.channel, order.channelAccountId);
  if (!mapping) return null;
  const status = translateMilestone(mapping, { milestone: milestone.milestone, orderStatus: order.status, hasTracking: milestone.trackingNumber !== null });
  if (!status) return null;
  const carrier = deps.carriers.resolve(milestone.carrierCode);
  return {
    eventId: ctx.newEventId(),
    causationId: milestone.eventId,
    orderId: order.orderId,
    channel: order.channel,
    channelAccountId: order.channelAccountId,
    channelOrderId: order.channelOrderId,
    packageReference: milestone.packageReference,
    channelPackageId: channelPackageId(order.channel, milestone.packageReference),
    milestone: milestone.milestone,
    ...status,
    carrierName: carrier ? deps.carriers.channelName(carrier, order.channel) : null,
    trackingNumber: milestone.trackingNumber,
    trackingUrl: carrier ? deps.carriers.trackingUrl(carrier, milestone.trackingNumber) : null,
    lines: milestone.lines,
    sourceOccurredAt: milestone.sourceOccurredAt,
    occurredAt: ctx.now,
  };
}

/** One package's ERP ship confirmation: what the ERP is asked to post (goods issue / fulfilment) once. */
export interface ErpConfirmationRequest {
  readonly packageReference: string;
  readonly orderId: string;
  readonly erpOrderNumber: string;
  readonly shipmentId: string;
  readonly carrierCode: string;
  readonly trackingNumber: string | null;
  readonly shipDate: number;
  readonly lines: ReadonlyArray<{ readonly lineId: string; readonly erpLineNumber: string | null; readonly sku: string; readonly quantity: number }>;
}

/** The ERP confirmation of a package that was just counted as shipped; its carrier is the order's when the package names none. */
export function erpConfirmationRequest(book: ShipmentBook, packageReference: string): ErpConfirmationRequest {
  const pkg = book.packages.find((p) => p.packageReference === packageReference);
  if (!pkg || pkg.shippedAt === null) throw new Error(`package ${packageReference} of ${book.order.orderId} has not shipped`);
  return {
    packageReference,
    orderId: book.order.orderId,
    erpOrderNumber: book.order.erpOrderNumber,
    shipmentId: pkg.shipmentId,
    carrierCode: pkg.carrierCode ?? book.order.carrierCode,
    trackingNumber: pkg.trackingNumber,
    shipDate: pkg.shippedAt,
    lines: pkg.lines.map((l) => ({
      lineId: l.lineId,
      erpLineNumber: book.order.lines.find((o) => o.lineId === l.lineId)?.erpLineNumber ?? null,
      sku: l.sku,
      quantity: l.quantity,
    })),
  };
}

/**
 * The ERP's goods issue for a package, on the order's lines (erpPostings), once per package:
 * a posting already recorded changes nothing (null).
 */
export function recordPosting(
  order: OrderState,
  pkg: PackageState,
  posting: { readonly erpDocumentNumber: string; readonly postedAt: number },
): OrderState | null {
  if (order.lines.some((l) => l.erpPostings.some((p) => p.packageReference === pkg.packageReference))) return null;
  const lines = order.lines.map((line) => {
    const quantity = pkg.lines.filter((l) => l.lineId === line.lineId).reduce((sum, l) => sum + l.quantity, 0);
    if (quantity === 0) return line;
    return {
      ...line,
      erpPostings: [
        ...line.erpPostings,
        { packageReference: pkg.packageReference, erpDocumentNumber: posting.erpDocumentNumber, quantity, postedAt: posting.postedAt },
      ],
    };
  });
  return { ...order, lines, version: order.version + 1 };
}
