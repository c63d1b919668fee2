import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import type { ReservationEvent, StockShortage } from '@crossdock/contracts';
import { writeOutboxEvents } from '@crossdock/outbox';
import {
  decideOrderOutcome,
  lineOutcome,
  reserveLine,
  type LineOutcome,
  type ConsumedLine,
  type ErpPostingFact,
  type OpenReservationTotals,
  type OrderOutcome,
  type OrderOutcomeKind,
  type ReservationChangeCommand,
  type ReservationLine,
  type ReserveLineRequest,
} from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import type { Prisma } from '../generated/prisma/client';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { lineEventRows } from '../outbox/reservation-events.outbox';
import { PrismaService } from '../prisma/prisma.service';
import { changeLockedLine, lineOf, lockLine, type LineChange } from './reservation-change.writer';
import { toJson } from './reservation-json.codec';

// Many orders for one hot SKU queue on its lock; give them time instead of failing the partition.
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/** A line decided now or earlier; `openDelta` is what this call changed (0 for a redelivery). */
export interface LineDecision {
  readonly kind: LineOutcome;
  readonly duplicate: boolean;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
  readonly openDelta: number;
  readonly reservationEvent: ReservationEvent | null;
  readonly shortage: StockShortage | null;
}

/**
 * Where reservation lines live. The domain's transitions decide (reserveLine, changeReservation,
 * decideOrderOutcome); this repository reads what they need under the right lock and stores
 * what they decided, together with the events that announce it: the ReservationEvent and
 * StockShortage rows go into the platform outbox in the same transaction, so a decision that
 * committed is published by the relay however the process ends, and one that did not commit
 * never is.
 *
 * Each order line is decided in one transaction that first takes a transaction-scoped Postgres
 * advisory lock on its SKU-location, then reads every channel's open reservations there. Two
 * channels racing for the last unit are therefore serialised by the database (across processes
 * too): the second transaction sees the first one's reservation and gets a shortage. An advisory
 * lock rather than `SELECT ... FOR UPDATE` because a SKU-location has no row of its own until its
 * first reservation.
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
      const held = await tx.lineReservation.findUnique({ where: { orderId_lineId: { orderId: request.orderId, lineId: request.lineId } } });
      const decision = reserveLine({
        request,
        rules: this.channelRules.rules(),
        stock: this.state.stockAt(request.sku, request.locationId),
        // Consumed units the ERP has not taken off its on-hand yet are as good as reserved.
        reservations: await committedUnits(tx, this.state, request.sku, request.locationId),
        item: this.state.item(request.sku),
        now,
        maxStockAgeMs: this.config.RESERVATION_MAX_STOCK_AGE_MS ?? null,
        held: held ? lineOf(held) : null,
      });
      // A redelivery's events went into the outbox with the line's first decision: nothing to write.
      if (decision.kind === 'DUPLICATE') return decisionOf(decision.line, true, 0);
      await tx.lineReservation.create({ data: rowOf(decision.line) });
      await writeOutboxEvents(tx, lineEventRows(decision.line));
      return decisionOf(decision.line, false, decision.openDelta);
    }, TX_OPTIONS);
  }

  /** Applies a release, expiry or consumption to a line; undefined when the domain refused it. */
  changeLine(orderId: string, lineId: string, command: ReservationChangeCommand): Promise<LineChange | undefined> {
    return this.prisma.$transaction(async (tx) => {
      const row = await lockLine(tx, orderId, lineId);
      return row ? changeLockedLine(tx, row, command) : undefined;
    }, TX_OPTIONS);
  }

  /** Lines of an order that still hold stock (a whole-order cancellation without line detail). */
  async openLinesOf(orderId: string): Promise<string[]> {
    const rows = await this.prisma.lineReservation.findMany({ where: { orderId, openQuantity: { gt: 0 } }, select: { lineId: true } });
    return rows.map((row) => row.lineId);
  }

  /**
   * Candidates for the TTL sweep, oldest first. The same bound as the domain's isDue, so the
   * (status, expiresAt) index finds them; changeReservation decides each again under its row lock.
   */
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
   * Records an order outcome as the domain's decideOrderOutcome says; false when a later outcome
   * (e.g. the cancellation) was already processed, so this older one must not act.
   */
  recordOutcome(orderId: string, sequence: number, kind: OrderOutcomeKind): Promise<boolean> {
    const incoming: OrderOutcome = { sequence, kind };
    return this.prisma.$transaction(async (tx) => {
      for (;;) {
        const [held] = await tx.$queryRaw<OrderOutcome[]>`
          SELECT "sequence", "kind" FROM "OrderOutcome" WHERE "orderId" = ${orderId} FOR UPDATE`;
        const decision = decideOrderOutcome(held ?? null, incoming);
        const keep = decision.keep;
        if (keep === null) return decision.acts;
        if (held) {
          await tx.orderOutcome.update({ where: { orderId }, data: keep });
          return decision.acts;
        }
        const inserted = await tx.$executeRaw`
          INSERT INTO "OrderOutcome" ("orderId", "sequence", "kind") VALUES (${orderId}, ${keep.sequence}, ${keep.kind})
          ON CONFLICT ("orderId") DO NOTHING`;
        if (inserted === 1) return decision.acts;
        // The other topic's outcome for this order was inserted meanwhile: decide again against it.
      }
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

/**
 * Every instance's open reservations and consumed lines at the SKU-location, in ONE statement so
 * both come from one snapshot: read apart, a fulfilment committing in between could move units
 * from open to consumed unseen by either read. The consumed lines count as far as the ERP position
 * in hand does not reflect them (InventoryStateService.committedFrom); lines another instance
 * marked settled lately are read too, in case this instance's ERP position is a moment behind
 * (committed-units.reader.ts).
 */
async function committedUnits(tx: Prisma.TransactionClient, state: InventoryStateService, sku: string, locationId: string): Promise<OpenReservationTotals> {
  const rows = await tx.$queryRaw<CommittedRow[]>`
    SELECT 'OPEN' AS "kind", "channelAccountId", sum("openQuantity")::int AS "quantity", NULL AS "orderId", NULL AS "lineId", 0 AS "shippedQuantity", NULL::jsonb AS "postings"
    FROM "LineReservation" WHERE "sku" = ${sku} AND "locationId" = ${locationId} AND "openQuantity" > 0
    GROUP BY "channelAccountId"
    UNION ALL
    SELECT 'CONSUMED', "channelAccountId", "consumedQuantity", "orderId", "lineId", "shippedQuantity", "postings"
    FROM "ConsumedLine" WHERE "sku" = ${sku} AND "locationId" = ${locationId} AND "consumedQuantity" > 0
      AND ("settledAt" IS NULL OR "settledAt" > now() - interval '10 minutes')`;
  const byChannel = new Map<string, number>();
  let total = 0;
  const consumed: ConsumedLine[] = [];
  for (const row of rows) {
    if (row.kind === 'OPEN') {
      byChannel.set(row.channelAccountId, row.quantity);
      total += row.quantity;
    } else {
      consumed.push({
        orderId: row.orderId ?? '',
        lineId: row.lineId ?? '',
        sku,
        locationId,
        channelAccountId: row.channelAccountId,
        consumedQuantity: row.quantity,
        shippedQuantity: row.shippedQuantity,
        postings: (row.postings ?? []) as ErpPostingFact[],
      });
    }
  }
  return state.committedFrom({ total, byChannel }, consumed, sku, locationId);
}

interface CommittedRow {
  kind: 'OPEN' | 'CONSUMED';
  channelAccountId: string;
  quantity: number;
  orderId: string | null;
  lineId: string | null;
  shippedQuantity: number;
  postings: unknown;
}

function decisionOf(line: ReservationLine, duplicate: boolean, openDelta: number): LineDecision {
  return {
    kind: lineOutcome(line),
    duplicate,
    sku: line.sku,
    locationId: line.locationId,
    channelAccountId: line.channelAccountId,
    openDelta,
    reservationEvent: line.reservedEvent,
    shortage: line.shortageEvent,
  };
}

function rowOf(line: ReservationLine): Prisma.LineReservationUncheckedCreateInput {
  const reservation = line.reservation;
  return {
    orderId: line.orderId,
    lineId: line.lineId,
    reservationId: reservation?.reservationId ?? null,
    sku: line.sku,
    locationId: line.locationId,
    channelAccountId: line.channelAccountId,
    requestedQuantity: line.requestedQuantity,
    reservedQuantity: reservation?.reservedQuantity ?? 0,
    openQuantity: reservation?.openQuantity ?? 0,
    status: reservation?.status ?? 'SHORT',
    expiresAt: reservation && reservation.expiresAt !== null ? new Date(reservation.expiresAt) : null,
    version: reservation?.version ?? 0,
    ...(line.reservedEvent ? { reservedEvent: toJson(line.reservedEvent) } : {}),
    ...(line.shortageEvent ? { shortageEvent: toJson(line.shortageEvent) } : {}),
  };
}
