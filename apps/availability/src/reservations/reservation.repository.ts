import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import type { ReservationEvent, StockShortage } from '@crossdock/contracts';
import {
  buildReservationEvent,
  buildStockShortage,
  decideReservation,
  reservationIdFor,
  type OpenReservationTotals,
  type ReservationRecord,
  type ReservationStatus,
  type ReserveLineRequest,
} from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import type { LineReservation, Prisma } from '../generated/prisma/client';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { PrismaService } from '../prisma/prisma.service';
import { reservationEventFromJson, stockShortageFromJson, toJson } from './reservation-json.codec';

const HOUR_MS = 3_600_000;
// Many orders for one hot SKU queue on its lock; give them time instead of failing the partition.
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/** A line decided now or earlier; `openDelta` is what this call changed (0 for a redelivery). */
export interface LineDecision {
  readonly kind: 'RESERVED' | 'PARTIALLY_RESERVED' | 'SHORT';
  readonly duplicate: boolean;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
  readonly openDelta: number;
  readonly reservationEvent: ReservationEvent | null;
  readonly shortage: StockShortage | null;
}

export interface LineChange {
  readonly duplicate: boolean;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
  readonly openDelta: number;
  readonly event: ReservationEvent;
}

export interface ChangeRequest {
  readonly orderId: string;
  readonly lineId: string;
  /** null = everything still open. */
  readonly quantity: number | null;
  /** What caused it; a cause applies at most once per reservation. */
  readonly causationId: string;
  readonly eventCausationId: string | null;
  readonly occurredAt: number;
  readonly type: 'RELEASED' | 'EXPIRED' | 'CONSUMED';
  readonly reason: 'ORDER_CANCELLED' | 'TTL_ELAPSED' | 'SHIPPED';
}

/**
 * The durable reservation ledger. Each order line is decided in one transaction that first takes
 * a transaction-scoped Postgres advisory lock on its SKU-location, then reads every channel's open
 * reservations there, decides with the domain's decideReservation and inserts. Two channels racing
 * for the last unit are therefore serialised by the database (across processes too): the second
 * transaction sees the first one's reservation and gets a shortage. An advisory lock rather than
 * `SELECT ... FOR UPDATE` because a SKU-location has no row of its own until its first reservation.
 */
@Injectable()
export class ReservationRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly state: InventoryStateService,
    private readonly channelRules: ChannelRulesService,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
  ) {}

  reserveLine(request: ReserveLineRequest, now: number): Promise<LineDecision> {
    return this.prisma.$transaction(async (tx) => {
      await this.lockSkuLocation(tx, request.sku, request.locationId);
      const existing = await tx.lineReservation.findUnique({ where: { orderId_lineId: { orderId: request.orderId, lineId: request.lineId } } });
      if (existing) return decisionOf(existing, true, 0);

      const rules = this.channelRules.rules();
      const decision = decideReservation({
        request,
        rules,
        stock: this.state.stockAt(request.sku, request.locationId),
        reservations: await openTotals(tx, request.sku, request.locationId),
        item: this.state.item(request.sku),
        now,
        maxStockAgeMs: this.config.RESERVATION_MAX_STOCK_AGE_MS ?? null,
      });
      const shortage = decision.shortage ? buildStockShortage(request, decision.shortage, request.occurredAt) : null;
      const reserved = decision.kind === 'RESERVE' ? decision.quantity : 0;
      const ttlHours = rules.channel(request.channelAccountId)?.reservationTtlHours ?? null;
      const record: ReservationRecord | null =
        reserved > 0
          ? {
              reservationId: reservationIdFor(request.orderId, request.lineId, request.locationId),
              orderId: request.orderId,
              lineId: request.lineId,
              sku: request.sku,
              locationId: request.locationId,
              channelAccountId: request.channelAccountId,
              reservedQuantity: reserved,
              openQuantity: reserved,
              status: 'OPEN',
              expiresAt: ttlHours === null ? null : request.occurredAt + ttlHours * HOUR_MS,
              version: 1,
            }
          : null;
      const reservationEvent = record
        ? buildReservationEvent(record, { type: 'RESERVED', quantity: reserved, reason: 'ORDER_ACCEPTED', causationId: request.causationId, occurredAt: request.occurredAt })
        : null;
      const row = await tx.lineReservation.create({
        data: {
          orderId: request.orderId,
          lineId: request.lineId,
          reservationId: record?.reservationId ?? null,
          sku: request.sku,
          locationId: request.locationId,
          channelAccountId: request.channelAccountId,
          requestedQuantity: request.quantity,
          reservedQuantity: reserved,
          openQuantity: reserved,
          status: record ? 'OPEN' : 'SHORT',
          expiresAt: record?.expiresAt ? new Date(record.expiresAt) : null,
          version: record ? 1 : 0,
          ...(reservationEvent ? { reservedEvent: toJson(reservationEvent) } : {}),
          ...(shortage ? { shortageEvent: toJson(shortage) } : {}),
        },
      });
      return decisionOf(row, false, reserved);
    }, TX_OPTIONS);
  }

  /** Releases, expires or consumes what is open on a line; undefined when the line has nothing reserved. */
  changeLine(request: ChangeRequest): Promise<LineChange | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<Array<{ sku: string }>>`
        SELECT "sku" FROM "LineReservation" WHERE "orderId" = ${request.orderId} AND "lineId" = ${request.lineId} FOR UPDATE`;
      if (locked.length === 0) return undefined;
      const key = { orderId: request.orderId, lineId: request.lineId };
      const earlier = await tx.reservationChange.findUnique({ where: { orderId_lineId_causationId_type: { ...key, causationId: request.causationId, type: request.type } } });
      const row = await tx.lineReservation.findUniqueOrThrow({ where: { orderId_lineId: key } });
      if (earlier) {
        const event = reservationEventFromJson(earlier.event);
        return event ? { duplicate: true, sku: row.sku, locationId: row.locationId, channelAccountId: row.channelAccountId, openDelta: 0, event } : undefined;
      }
      if (row.reservationId === null || row.openQuantity === 0) return undefined;
      const quantity = Math.min(request.quantity ?? row.openQuantity, row.openQuantity);
      if (quantity <= 0) return undefined;
      const openQuantity = row.openQuantity - quantity;
      const terminal: Record<ChangeRequest['type'], ReservationStatus> = { RELEASED: 'RELEASED', EXPIRED: 'EXPIRED', CONSUMED: 'CONSUMED' };
      const after: ReservationRecord = {
        reservationId: row.reservationId,
        orderId: row.orderId,
        lineId: row.lineId,
        sku: row.sku,
        locationId: row.locationId,
        channelAccountId: row.channelAccountId,
        reservedQuantity: row.reservedQuantity,
        openQuantity,
        status: openQuantity === 0 ? terminal[request.type] : 'OPEN',
        expiresAt: row.expiresAt?.getTime() ?? null,
        version: row.version + 1,
      };
      const event = buildReservationEvent(after, {
        type: request.type,
        quantity,
        reason: request.reason,
        causationId: request.eventCausationId,
        occurredAt: request.occurredAt,
      });
      await tx.lineReservation.update({ where: { orderId_lineId: key }, data: { openQuantity, status: after.status, version: after.version } });
      await tx.reservationChange.create({ data: { ...key, causationId: request.causationId, type: request.type, version: after.version, event: toJson(event) } });
      return { duplicate: false, sku: row.sku, locationId: row.locationId, channelAccountId: row.channelAccountId, openDelta: -quantity, event };
    }, TX_OPTIONS);
  }

  /** Lines of an order that still hold stock (a whole-order cancellation without line detail). */
  async openLinesOf(orderId: string): Promise<string[]> {
    const rows = await this.prisma.lineReservation.findMany({ where: { orderId, openQuantity: { gt: 0 } }, select: { lineId: true } });
    return rows.map((row) => row.lineId);
  }

  async dueForExpiry(now: number, limit: number): Promise<Array<{ orderId: string; lineId: string; expiresAt: Date }>> {
    const rows = await this.prisma.lineReservation.findMany({
      where: { status: 'OPEN', expiresAt: { lte: new Date(now) } },
      select: { orderId: true, lineId: true, expiresAt: true },
      orderBy: { expiresAt: 'asc' },
      take: limit,
    });
    return rows.flatMap((row) => (row.expiresAt ? [{ orderId: row.orderId, lineId: row.lineId, expiresAt: row.expiresAt }] : []));
  }

  /**
   * Keeps the highest order outcome seen; false when a later outcome (e.g. the cancellation)
   * was already processed, so this older one must not act.
   */
  async recordOutcome(orderId: string, sequence: number, kind: 'ACCEPTED' | 'CANCELLED'): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Array<{ sequence: number }>>`
        INSERT INTO "OrderOutcome" ("orderId", "sequence", "kind") VALUES (${orderId}, ${sequence}, ${kind})
        ON CONFLICT ("orderId") DO UPDATE SET "sequence" = GREATEST("OrderOutcome"."sequence", EXCLUDED."sequence"),
          "kind" = CASE WHEN EXCLUDED."sequence" >= "OrderOutcome"."sequence" THEN EXCLUDED."kind" ELSE "OrderOutcome"."kind" END
        RETURNING "sequence"`;
      return (rows[0]?.sequence ?? sequence) <= sequence;
    });
  }

  // try-lock first only to count contention (the KPI); then wait for the holder to commit.
  private async lockSkuLocation(tx: Prisma.TransactionClient, sku: string, locationId: string): Promise<void> {
    const [attempt] = await tx.$queryRaw<Array<{ locked: boolean }>>`
      SELECT pg_try_advisory_xact_lock(hashtext(${sku}), hashtext(${locationId})) AS locked`;
    if (attempt?.locked) return;
    availabilityMetrics.reservationConflicts.inc();
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${sku}), hashtext(${locationId}))::text`;
  }
}

async function openTotals(tx: Prisma.TransactionClient, sku: string, locationId: string): Promise<OpenReservationTotals> {
  const rows = await tx.lineReservation.groupBy({
    by: ['channelAccountId'],
    where: { sku, locationId, openQuantity: { gt: 0 } },
    _sum: { openQuantity: true },
  });
  const byChannel = new Map<string, number>();
  let total = 0;
  for (const row of rows) {
    const open = row._sum.openQuantity ?? 0;
    byChannel.set(row.channelAccountId, open);
    total += open;
  }
  return { total, byChannel };
}

function decisionOf(row: LineReservation, duplicate: boolean, openDelta: number): LineDecision {
  const shortage = stockShortageFromJson(row.shortageEvent);
  const kind = row.reservedQuantity > 0 ? (shortage ? 'PARTIALLY_RESERVED' : 'RESERVED') : 'SHORT';
  return {
    kind,
    duplicate,
    sku: row.sku,
    locationId: row.locationId,
    channelAccountId: row.channelAccountId,
    openDelta,
    reservationEvent: reservationEventFromJson(row.reservedEvent),
    shortage,
  };
}
