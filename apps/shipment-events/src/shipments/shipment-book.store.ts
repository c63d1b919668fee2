import type { FactSource, FulfilmentStatus, LocationType, Milestone, PackageLine, PackageWeight, ReleaseLine, SalesChannel } from '@crossdock/contracts';
import type { OrderLineState, PackageState, ReleaseStatus, ShipmentBook } from '@crossdock/shipment-events/domain';
import { Prisma } from '../generated/prisma/client';

/** The transaction every change of an order runs in. */
export type Tx = Prisma.TransactionClient;

const json = (value: unknown) => value as Prisma.InputJsonValue;
const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/**
 * Serialises everything that changes one order (its acceptance, cancellation, release outcomes,
 * facts, replays, ERP postings) for the rest of the transaction: an advisory lock, because an order
 * has no row before its acceptance and facts may come first.
 */
export async function lockOrder(tx: Tx, orderId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`order:${orderId}`}, 0))::text`;
}

/** One order's book as stored, or null before its acceptance. Call it under lockOrder. */
export async function loadBook(tx: Tx, orderId: string): Promise<ShipmentBook | null> {
  const order = await tx.shipmentOrder.findUnique({ where: { orderId } });
  if (!order) return null;
  const [shipments, packages] = await Promise.all([
    tx.shipment.findMany({ where: { orderId }, orderBy: { shipmentId: 'asc' } }),
    tx.shipmentPackage.findMany({ where: { orderId }, orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    order: {
      orderId: order.orderId,
      channel: order.channel as SalesChannel,
      channelAccountId: order.channelAccountId,
      channelOrderId: order.channelOrderId,
      erpOrderNumber: order.erpOrderNumber,
      carrierCode: order.carrierCode,
      serviceCode: order.serviceCode,
      acceptedEventId: order.acceptedEventId,
      status: order.status as FulfilmentStatus,
      version: order.version,
      lines: order.lines as unknown as OrderLineState[],
    },
    shipments: shipments.map((s) => ({
      shipmentId: s.shipmentId,
      orderId: s.orderId,
      locationId: s.locationId,
      locationType: s.locationType as LocationType,
      releaseStatus: s.releaseStatus as ReleaseStatus,
      warehouseReference: s.warehouseReference,
      cancelLines: s.cancelLines as unknown as ReleaseLine[],
    })),
    packages: packages.map(packageFromRow),
  };
}

export function packageFromRow(p: Prisma.ShipmentPackageGetPayload<object>): PackageState {
  return {
    packageReference: p.packageReference,
    orderId: p.orderId,
    shipmentId: p.shipmentId,
    source: p.source as FactSource,
    sourceSystem: p.sourceSystem,
    sourceCarrier: p.sourceCarrier,
    carrierCode: p.carrierCode,
    serviceCode: p.serviceCode,
    trackingNumber: p.trackingNumber,
    weight: p.weight as PackageWeight | null,
    lines: p.lines as unknown as PackageLine[],
    milestone: p.milestone as Milestone | null,
    progressRank: p.progressRank,
    shippedAt: p.shippedAt?.getTime() ?? null,
    deliveredAt: p.deliveredAt?.getTime() ?? null,
  };
}

/** Writes a new order's book (its acceptance). */
export async function insertBook(tx: Tx, book: ShipmentBook): Promise<void> {
  const { order } = book;
  await tx.shipmentOrder.create({
    data: {
      orderId: order.orderId,
      channel: order.channel,
      channelAccountId: order.channelAccountId,
      channelOrderId: order.channelOrderId,
      erpOrderNumber: order.erpOrderNumber,
      carrierCode: order.carrierCode,
      serviceCode: order.serviceCode,
      acceptedEventId: order.acceptedEventId,
      status: order.status,
      version: order.version,
      lines: json(order.lines),
    },
  });
  await tx.shipment.createMany({
    data: book.shipments.map((s) => ({ ...s, cancelLines: json(s.cancelLines) })),
  });
}

/** Writes what changed in a book: the order, the shipments, and the packages named. */
export async function saveBook(tx: Tx, book: ShipmentBook, packages: readonly string[] = []): Promise<void> {
  const { order } = book;
  await tx.shipmentOrder.update({ where: { orderId: order.orderId }, data: { status: order.status, version: order.version, lines: json(order.lines) } });
  for (const s of book.shipments) {
    await tx.shipment.update({
      where: { shipmentId: s.shipmentId },
      data: { releaseStatus: s.releaseStatus, warehouseReference: s.warehouseReference, cancelLines: json(s.cancelLines) },
    });
  }
  for (const reference of new Set(packages)) {
    const p = book.packages.find((x) => x.packageReference === reference);
    if (!p) continue;
    const data = {
      orderId: p.orderId,
      shipmentId: p.shipmentId,
      source: p.source,
      sourceSystem: p.sourceSystem,
      sourceCarrier: p.sourceCarrier,
      carrierCode: p.carrierCode,
      serviceCode: p.serviceCode,
      trackingNumber: p.trackingNumber,
      weight: p.weight === null ? Prisma.DbNull : json(p.weight),
      lines: json(p.lines),
      milestone: p.milestone,
      progressRank: p.progressRank,
      shippedAt: at(p.shippedAt),
      deliveredAt: at(p.deliveredAt),
    };
    await tx.shipmentPackage.upsert({
      where: { packageReference: p.packageReference },
      create: { packageReference: p.packageReference, ...data },
      update: data,
    });
  }
}
