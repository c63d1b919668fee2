import type { ReservationEvent, StockShortage } from '@crossdock/contracts';
import type { Prisma } from '../generated/prisma/client';

/**
 * Events are stored verbatim so a redelivery re-publishes the very same records (same eventId,
 * same figures). They are plain data (strings, numbers, null), so a JSON round trip is lossless.
 */
export function toJson(value: ReservationEvent | StockShortage): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

export function reservationEventFromJson(value: Prisma.JsonValue | null): ReservationEvent | null {
  return value === null ? null : (value as unknown as ReservationEvent);
}

export function stockShortageFromJson(value: Prisma.JsonValue | null): StockShortage | null {
  return value === null ? null : (value as unknown as StockShortage);
}
