import type { FactSource, FulfilmentStatus, LocationType, Milestone, PackageLine, PackageWeight, ReleaseLine, SalesChannel } from '@crossdock/contracts';
import type { OrderLineState, OrderState, ReleaseStatus, ShipmentBook, ShipmentState } from '@crossdock/shipment-events/domain';
import { Prisma } from '../generated/prisma/client';

/** The transaction every change of an order runs in. */
export type Tx = Prisma.TransactionClient;

const json = (value: unknown) => value as Prisma.InputJsonValue;
const at = (ms: number | null) => (ms === null ? null : new Date(ms));

/** The orders each open transaction holds the lock of: a transaction-level advisory lock lasts until its end. */
const heldLocks = new WeakMap<Tx, Set<string>>();

/**
 * Serialises everything that changes one order (its acceptance, cancellation, release outcomes,
 * facts, replays, ERP postings) for the rest of the transaction: an advisory lock, because an order
 * has no row before its acceptance and facts may come first. Locking an order the transaction
 * already holds costs nothing.
 */
export async function lockOrder(tx: Tx, orderId: string): Promise<void> {
  await lockOrders(tx, [orderId]);
}

/**
 * lockOrder for several orders at once, taken in one fixed order (by key), so that two transactions
 * locking overlapping sets never wait for each other in a cycle.
 */
export async function lockOrders(tx: Tx, orderIds: readonly string[]): Promise<void> {
  const held = heldLocks.get(tx) ?? new Set<string>();
  const keys = [...new Set(orderIds)]
    .map((id) => `order:${id}`)
    .filter((key) => !held.has(key))
    .sort();
  if (keys.length === 0) return;
  if (keys.length === 1) await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${keys[0]}, 0))::text`;
  else
    await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))::text FROM (SELECT k FROM unnest(${keys}::text[]) AS k ORDER BY k) AS ordered`;
  for (const key of keys) held.add(key);
  heldLocks.set(tx, held);
}

/** The book's three tables as one row of JSON: one round trip. Timestamps come as UTC wall time without a zone, as stored. */
interface BookRow {
  order: Omit<Prisma.ShipmentOrderGetPayload<object>, 'createdAt' | 'updatedAt'>;
  shipments: Array<Omit<Prisma.ShipmentGetPayload<object>, 'updatedAt'>>;
  packages: Array<Omit<Prisma.ShipmentPackageGetPayload<object>, 'shippedAt' | 'deliveredAt' | 'createdAt' | 'updatedAt'> & StoredTimes>;
}

interface StoredTimes {
  shippedAt: string | null;
  deliveredAt: string | null;
}

/** One order's book as stored, or null before its acceptance. Call it under lockOrder. */
export async function loadBook(tx: Tx, orderId: string): Promise<ShipmentBook | null> {
  const [row] = await tx.$queryRaw<BookRow[]>`
    SELECT to_jsonb(o) AS "order",
      COALESCE((SELECT jsonb_agg(to_jsonb(s) ORDER BY s."shipmentId") FROM "Shipment" s WHERE s."orderId" = o."orderId"), '[]'::jsonb) AS "shipments",
      COALESCE((SELECT jsonb_agg(to_jsonb(p) ORDER BY p."createdAt") FROM "ShipmentPackage" p WHERE p."orderId" = o."orderId"), '[]'::jsonb) AS "packages"
    FROM "ShipmentOrder" o WHERE o."orderId" = ${orderId}`;
  if (!row) return null;
  const { order, shipments, packages } = row;
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
    packages: packages.map((p) => ({
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
      shippedAt: storedTime(p.shippedAt),
      deliveredAt: storedTime(p.deliveredAt),
    })),
  };
}

const storedTime = (text: string | null) => (text === null ? null : Date.parse(`${text}Z`));

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

/**
 * Writes what changed in a book: the order, the shipments, and the packages named. Given the book as
 * loaded (`before`), the order and shipments that are as they were are not written again.
 */
export async function saveBook(tx: Tx, book: ShipmentBook, packages: readonly string[] = [], before: ShipmentBook | null = null): Promise<void> {
  const { order } = book;
  if (!before || !sameOrder(before.order, order)) {
    await tx.shipmentOrder.update({ where: { orderId: order.orderId }, data: { status: order.status, version: order.version, lines: json(order.lines) } });
  }
  for (const s of book.shipments) {
    const was = before?.shipments.find((x) => x.shipmentId === s.shipmentId);
    if (was && sameShipment(was, s)) continue;
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

// Compared by value: a rule may rebuild an object it did not change.
const sameOrder = (a: OrderState, b: OrderState) => a.status === b.status && a.version === b.version && JSON.stringify(a.lines) === JSON.stringify(b.lines);

const sameShipment = (a: ShipmentState, b: ShipmentState) =>
  a.releaseStatus === b.releaseStatus && a.warehouseReference === b.warehouseReference && JSON.stringify(a.cancelLines) === JSON.stringify(b.cancelLines);
