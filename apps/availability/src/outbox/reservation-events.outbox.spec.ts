import type { ReservationEvent, StockShortage } from '@crossdock/contracts';
import type { ReservationLine } from '@crossdock/availability/domain';
import { lineEventRows, reservationEventRow } from './reservation-events.outbox';

const reserved: ReservationEvent = {
  eventId: 'evt-reserved',
  causationId: 'accepted:ORD-1',
  type: 'RESERVED',
  reservationId: 'ORD-1:1:DC-RENO',
  orderId: 'ORD-1',
  lineId: '1',
  sku: 'TENT-2P',
  locationId: 'DC-RENO',
  channelAccountId: 'edi-summit-outfitters',
  quantity: 4,
  openQuantity: 4,
  reason: 'ORDER_ACCEPTED',
  expiresAt: null,
  version: 1,
  occurredAt: 1_750_000_000_000,
};

const shortage: StockShortage = {
  eventId: 'evt-short',
  causationId: 'accepted:ORD-1',
  orderId: 'ORD-1',
  lineId: '1',
  sku: 'TENT-2P',
  locationId: 'DC-RENO',
  channelAccountId: 'edi-summit-outfitters',
  requestedQuantity: 10,
  availableQuantity: 4,
  reservedQuantity: 4,
  reason: 'INSUFFICIENT_STOCK',
  occurredAt: 1_750_000_000_000,
};

function line(events: { reservedEvent: ReservationEvent | null; shortageEvent: StockShortage | null }): ReservationLine {
  return {
    orderId: 'ORD-1',
    lineId: '1',
    sku: 'TENT-2P',
    locationId: 'DC-RENO',
    channelAccountId: 'edi-summit-outfitters',
    requestedQuantity: 10,
    reservation: null,
    ...events,
  };
}

describe('reservation events in the outbox', () => {
  it('writes a partial reservation as its reservation event then its shortage, each keyed by the order as its contract says', () => {
    const rows = lineEventRows(line({ reservedEvent: reserved, shortageEvent: shortage }));
    expect(rows.map(({ topic, messageKey, eventId, causationId, payload }) => ({ topic, messageKey, eventId, causationId, payload }))).toEqual([
      { topic: 'reservations', messageKey: 'ORD-1', eventId: 'evt-reserved', causationId: 'accepted:ORD-1', payload: reserved },
      { topic: 'stockShortages', messageKey: 'ORD-1', eventId: 'evt-short', causationId: 'accepted:ORD-1', payload: shortage },
    ]);
  });

  it('writes nothing for a line that announced nothing, and only the shortage for a line reserved nowhere', () => {
    expect(lineEventRows(line({ reservedEvent: null, shortageEvent: null }))).toEqual([]);
    expect(lineEventRows(line({ reservedEvent: null, shortageEvent: shortage })).map((row) => row.topic)).toEqual(['stockShortages']);
  });

  it('keeps an expiry without a causing message as such, correlated by its order when no work is current', () => {
    const expired: ReservationEvent = {
      ...reserved,
      eventId: 'evt-expired',
      causationId: null,
      type: 'EXPIRED',
      reason: 'TTL_ELAPSED',
      openQuantity: 0,
      version: 2,
    };
    expect(reservationEventRow(expired)).toMatchObject({
      topic: 'reservations',
      messageKey: 'ORD-1',
      eventId: 'evt-expired',
      causationId: null,
      correlationId: 'ORD-1',
    });
  });
});
