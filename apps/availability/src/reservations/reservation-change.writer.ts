import type { ReservationEvent } from '@crossdock/contracts';
import { writeOutboxEvents } from '@crossdock/outbox';
import { changeReservation, type ReservationChangeCommand, type ReservationLine, type ReservationStatus } from '@crossdock/availability/domain';
import type { LineReservation, Prisma } from '../generated/prisma/client';
import { reservationEventRow } from '../outbox/reservation-events.outbox';
import { reservationEventFromJson, stockShortageFromJson, toJson } from './reservation-json.codec';

export interface LineChange {
  readonly duplicate: boolean;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
  readonly openDelta: number;
  readonly event: ReservationEvent;
}

/** A change and the line's row as it stands after it, for a further change in the same transaction. */
export interface LockedLineChange extends LineChange {
  readonly row: LineReservation;
}

/** The order line's row, locked for the rest of the transaction; null when the line was never decided. */
export async function lockLine(tx: Prisma.TransactionClient, orderId: string, lineId: string): Promise<LineReservation | null> {
  const locked = await tx.$queryRaw<Array<{ sku: string }>>`
    SELECT "sku" FROM "LineReservation" WHERE "orderId" = ${orderId} AND "lineId" = ${lineId} FOR UPDATE`;
  return locked.length === 0 ? null : tx.lineReservation.findUniqueOrThrow({ where: { orderId_lineId: { orderId, lineId } } });
}

/**
 * Applies a release, expiry or consumption to a line locked by `lockLine`, as the domain's
 * changeReservation decides: the line's new state, the change under its cause (so the same cause
 * is recognised again) and its ReservationEvent in the outbox, all in the caller's transaction.
 * Undefined when the domain refused it.
 */
export async function changeLockedLine(
  tx: Prisma.TransactionClient,
  row: LineReservation,
  command: ReservationChangeCommand,
): Promise<LockedLineChange | undefined> {
  const key = { orderId: row.orderId, lineId: row.lineId };
  const earlier = await tx.reservationChange.findUnique({
    where: { orderId_lineId_causationId_type: { ...key, causationId: command.cause, type: command.type } },
  });
  const decision = changeReservation({ line: lineOf(row), command, earlier: earlier ? reservationEventFromJson(earlier.event) : null });
  if (decision.kind === 'REFUSED') return undefined;
  let after = row;
  if (decision.kind === 'CHANGE') {
    const { openQuantity, status, version } = decision.reservation;
    after = await tx.lineReservation.update({ where: { orderId_lineId: key }, data: { openQuantity, status, version } });
    await tx.reservationChange.create({ data: { ...key, causationId: command.cause, type: command.type, version, event: toJson(decision.event) } });
    await writeOutboxEvents(tx, [reservationEventRow(decision.event)]);
  }
  return {
    duplicate: decision.kind === 'DUPLICATE',
    sku: row.sku,
    locationId: row.locationId,
    channelAccountId: row.channelAccountId,
    openDelta: decision.kind === 'CHANGE' ? decision.openDelta : 0,
    event: decision.event,
    row: after,
  };
}

/** A stored row as the domain sees it; a line that reserved nothing (SHORT) has no reservation. */
export function lineOf(row: LineReservation): ReservationLine {
  return {
    orderId: row.orderId,
    lineId: row.lineId,
    sku: row.sku,
    locationId: row.locationId,
    channelAccountId: row.channelAccountId,
    requestedQuantity: row.requestedQuantity,
    reservation:
      row.reservationId === null
        ? null
        : {
            reservationId: row.reservationId,
            orderId: row.orderId,
            lineId: row.lineId,
            sku: row.sku,
            locationId: row.locationId,
            channelAccountId: row.channelAccountId,
            reservedQuantity: row.reservedQuantity,
            openQuantity: row.openQuantity,
            status: row.status as ReservationStatus,
            expiresAt: row.expiresAt?.getTime() ?? null,
            version: row.version,
          },
    reservedEvent: reservationEventFromJson(row.reservedEvent),
    shortageEvent: stockShortageFromJson(row.shortageEvent),
  };
}
