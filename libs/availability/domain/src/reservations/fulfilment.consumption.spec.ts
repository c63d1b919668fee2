import type { FulfilmentLine, OrderFulfilment } from '@crossdock/contracts';
import { HOUR, NOW } from '../test-support/availability.fixtures';
import { checkOrderFulfilment, fulfilmentChanges, isNewerFulfilment, type FulfilmentStatement } from './fulfilment.consumption';
import { expiryChange } from './reservation.commands';
import { changeReservation, type ReservationChangeCommand } from './reservation.transitions';
import type { ReservationLine, ReservationRecord } from './reservation.types';

const statement: FulfilmentStatement = { orderId: 'ORD-1', version: 4, updatedAt: NOW };

function reservation(overrides: Partial<ReservationRecord> = {}): ReservationRecord {
  return {
    reservationId: 'ORD-1:1:DC-RENO',
    orderId: 'ORD-1',
    lineId: '1',
    sku: 'SKU-1',
    locationId: 'DC-RENO',
    channelAccountId: 'shop',
    reservedQuantity: 3,
    openQuantity: 3,
    status: 'OPEN',
    expiresAt: NOW + HOUR,
    version: 1,
    ...overrides,
  };
}

function line(overrides: Partial<FulfilmentLine> = {}): FulfilmentLine {
  return {
    lineId: '1',
    sku: 'SKU-1',
    locationId: 'DC-RENO',
    orderedQuantity: 3,
    pickedQuantity: 0,
    shortQuantity: 0,
    shippedQuantity: 0,
    deliveredQuantity: 0,
    cancelledQuantity: 0,
    erpPostings: [],
    ...overrides,
  };
}

function moves(commands: ReservationChangeCommand[]): Array<[string, string, number | null]> {
  return commands.map((c) => [c.type, c.reason, c.quantity]);
}

/** Applies the commands one after the other, as the service does in one transaction. */
function applied(held: ReservationRecord, commands: ReservationChangeCommand[]): ReservationRecord {
  let current = held;
  for (const command of commands) {
    const decision = changeReservation({ line: lineOf(current), command, earlier: null });
    if (decision.kind !== 'CHANGE') throw new Error(`expected a change, got ${JSON.stringify(decision)}`);
    current = decision.reservation;
  }
  return current;
}

function lineOf(held: ReservationRecord): ReservationLine {
  const { orderId, lineId, sku, locationId, channelAccountId } = held;
  return {
    orderId,
    lineId,
    sku,
    locationId,
    channelAccountId,
    requestedQuantity: held.reservedQuantity,
    reservation: held,
    reservedEvent: null,
    shortageEvent: null,
  };
}

describe('fulfilmentChanges', () => {
  it('consumes the shipped units (SHIPPED), caused by the statement', () => {
    const commands = fulfilmentChanges({ statement, line: line({ pickedQuantity: 3, shippedQuantity: 3 }), reservation: reservation(), shippedBefore: 0 });
    expect(moves(commands)).toEqual([['CONSUMED', 'SHIPPED', 3]]);
    expect(commands[0]).toMatchObject({ cause: 'order-fulfilment:v4:SHIPPED', causationId: 'order-fulfilment:ORD-1:v4', occurredAt: NOW });
    expect(applied(reservation(), commands)).toMatchObject({ openQuantity: 0, status: 'CONSUMED' });
  });

  it('moves only the difference a later statement adds to what was shipped before', () => {
    const held = reservation({ openQuantity: 1 });
    expect(moves(fulfilmentChanges({ statement, line: line({ shippedQuantity: 3 }), reservation: held, shippedBefore: 2 }))).toEqual([
      ['CONSUMED', 'SHIPPED', 1],
    ]);
    expect(fulfilmentChanges({ statement, line: line({ shippedQuantity: 2 }), reservation: held, shippedBefore: 2 })).toEqual([]);
  });

  it('releases the short-picked units (SHORT_PICKED) and consumes the shipped ones', () => {
    const commands = fulfilmentChanges({
      statement,
      line: line({ pickedQuantity: 2, shortQuantity: 1, shippedQuantity: 2 }),
      reservation: reservation(),
      shippedBefore: 0,
    });
    expect(moves(commands)).toEqual([
      ['CONSUMED', 'SHIPPED', 2],
      ['RELEASED', 'SHORT_PICKED', 1],
    ]);
    expect(new Set(commands.map((c) => c.cause)).size).toBe(2);
    expect(applied(reservation(), commands)).toMatchObject({ openQuantity: 0, status: 'RELEASED' });
  });

  it('releases cancelled units (ORDER_CANCELLED) and keeps the rest reserved', () => {
    expect(moves(fulfilmentChanges({ statement, line: line({ cancelledQuantity: 2 }), reservation: reservation(), shippedBefore: 0 }))).toEqual([
      ['RELEASED', 'ORDER_CANCELLED', 2],
    ]);
  });

  it('does not release again what an OrderCancelled already released', () => {
    const afterCancellation = reservation({ openQuantity: 1 });
    expect(fulfilmentChanges({ statement, line: line({ cancelledQuantity: 2 }), reservation: afterCancellation, shippedBefore: 0 })).toEqual([]);
  });

  it('counts a short remainder of a partial reservation against the unreserved units first', () => {
    const partial = reservation({ reservedQuantity: 2, openQuantity: 2 });
    expect(fulfilmentChanges({ statement, line: line({ shortQuantity: 1 }), reservation: partial, shippedBefore: 0 })).toEqual([]);
    expect(moves(fulfilmentChanges({ statement, line: line({ shortQuantity: 1, shippedQuantity: 2 }), reservation: partial, shippedBefore: 0 }))).toEqual([
      ['CONSUMED', 'SHIPPED', 2],
    ]);
  });

  it('never consumes more than is open (over-shipment)', () => {
    expect(moves(fulfilmentChanges({ statement, line: line({ shippedQuantity: 5 }), reservation: reservation(), shippedBefore: 0 }))).toEqual([
      ['CONSUMED', 'SHIPPED', 3],
    ]);
  });

  it('releases as LINE_REROUTED what shipped from another location than the reserved one', () => {
    expect(
      moves(fulfilmentChanges({ statement, line: line({ locationId: 'DC-ATLANTA', shippedQuantity: 3 }), reservation: reservation(), shippedBefore: 0 })),
    ).toEqual([['RELEASED', 'LINE_REROUTED', 3]]);
  });

  it('leaves consumed units to no later expiry or cancellation', () => {
    const consumed = applied(reservation(), fulfilmentChanges({ statement, line: line({ shippedQuantity: 3 }), reservation: reservation(), shippedBefore: 0 }));
    expect(changeReservation({ line: lineOf(consumed), command: expiryChange(NOW + HOUR, NOW + 2 * HOUR), earlier: null })).toEqual({
      kind: 'REFUSED',
      reason: 'NOTHING_OPEN',
    });
    const cancel: ReservationChangeCommand = { type: 'RELEASED', reason: 'ORDER_CANCELLED', quantity: null, cause: 'c', causationId: 'c', occurredAt: NOW };
    expect(changeReservation({ line: lineOf(consumed), command: cancel, earlier: null })).toEqual({ kind: 'REFUSED', reason: 'NOTHING_OPEN' });
  });

  it('lets an expiry after a partial shipment release only what is still open', () => {
    const partly = applied(reservation(), fulfilmentChanges({ statement, line: line({ shippedQuantity: 2 }), reservation: reservation(), shippedBefore: 0 }));
    const decision = changeReservation({ line: lineOf(partly), command: expiryChange(NOW + HOUR, NOW + 2 * HOUR), earlier: null });
    expect(decision).toMatchObject({ kind: 'CHANGE', openDelta: -1, event: { type: 'EXPIRED', quantity: 1, openQuantity: 0 } });
  });
});

describe('isNewerFulfilment', () => {
  it('applies a first statement and only strictly newer ones after it', () => {
    expect(isNewerFulfilment(null, statement)).toBe(true);
    expect(isNewerFulfilment(3, statement)).toBe(true);
    expect(isNewerFulfilment(4, statement)).toBe(false);
    expect(isNewerFulfilment(5, statement)).toBe(false);
  });
});

describe('checkOrderFulfilment', () => {
  function fulfilment(lines: FulfilmentLine[]): OrderFulfilment {
    return {
      orderId: 'ORD-1',
      channel: 'SHOPIFY',
      channelAccountId: 'shop',
      channelOrderId: 'C-1',
      erpOrderNumber: 'SO-1',
      status: 'SHIPPED',
      lines,
      version: 1,
      updatedAt: NOW,
    };
  }

  it('accepts whole quantities', () => {
    expect(
      checkOrderFulfilment(
        fulfilment([line({ shippedQuantity: 3, erpPostings: [{ packageReference: 'P', erpDocumentNumber: 'IF-1', quantity: 3, postedAt: NOW }] })]),
      ),
    ).toBeNull();
  });

  it('refuses a negative or fractional quantity, naming the field', () => {
    expect(checkOrderFulfilment(fulfilment([line(), line({ shortQuantity: -1 })]))).toEqual({
      code: 'INVALID_FULFILMENT_QUANTITY',
      message: 'lines.1.shortQuantity -1 is not a whole quantity from 0 to 2147483647',
    });
    expect(checkOrderFulfilment(fulfilment([line({ shippedQuantity: 1.5 })]))?.message).toMatch(/^lines\.0\.shippedQuantity 1\.5/);
  });

  it('refuses a posting of no units', () => {
    const posting = { packageReference: 'P', erpDocumentNumber: 'IF-1', quantity: 0, postedAt: NOW };
    expect(checkOrderFulfilment(fulfilment([line({ erpPostings: [posting] })]))?.message).toBe(
      'lines.0.erpPostings.0.quantity 0 is not a positive whole quantity',
    );
  });
});
