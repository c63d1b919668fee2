import type { OrderAccepted, OrderCancelled } from '@crossdock/contracts';
import { HOUR, NOW, stock, testRules } from '../test-support/availability.fixtures';
import type { ItemFacts } from '../sellable/sellable-quantity.calculator';
import type { LocationStock } from '../sellable/stock.types';
import type { ReserveLineRequest } from './reservation.decision';
import { ReservationLedger, type ReserveLineOutcome, type StockLookup } from './reservation.ledger';

const fencedRules = testRules(`
ringFences:
  - { channelAccountId: amazon, sku: SKU-1, locationId: DC-RENO, quantity: 2 }
`);

function lookup(
  stocks: LocationStock[],
  item: ItemFacts | undefined = { safetyStock: 0, discontinued: false },
): StockLookup {
  return {
    stockAt: (sku, locationId) => stocks.find((s) => s.sku === sku && s.locationId === locationId),
    item: () => item,
  };
}

function line(overrides: Partial<ReserveLineRequest> = {}): ReserveLineRequest {
  return {
    orderId: 'ORD-1',
    lineId: '1',
    sku: 'SKU-1',
    locationId: 'DC-RENO',
    channelAccountId: 'shop',
    quantity: 1,
    causationId: 'accepted-1',
    occurredAt: NOW,
    ...overrides,
  };
}

function reserved(outcome: ReserveLineOutcome) {
  if (outcome.kind === 'REJECTED') throw new Error(outcome.message);
  return outcome;
}

describe('ReservationLedger', () => {
  it('gives the last unit to exactly one of two channels racing for it; the other gets a shortage', () => {
    const ledger = new ReservationLedger(() => testRules());
    const stocks = lookup([stock({ onHand: 1 })]);
    const first = reserved(ledger.reserveLine(line({ orderId: 'SHOP-1', channelAccountId: 'shop' }), stocks, NOW));
    const second = reserved(
      ledger.reserveLine(
        line({
          orderId: 'AMZ-1',
          channelAccountId: 'amazon',
          causationId: 'accepted-2',
        }),
        stocks,
        NOW,
      ),
    );
    expect(first.kind).toBe('RESERVED');
    expect(second.kind).toBe('SHORT');
    expect(second.shortage).toMatchObject({
      orderId: 'AMZ-1',
      lineId: '1',
      sku: 'SKU-1',
      locationId: 'DC-RENO',
      channelAccountId: 'amazon',
      requestedQuantity: 1,
      availableQuantity: 0,
      reservedQuantity: 0,
      reason: 'INSUFFICIENT_STOCK',
      causationId: 'accepted-2',
    });
    expect(ledger.openAt('SKU-1', 'DC-RENO')).toEqual({
      total: 1,
      byChannel: new Map([['shop', 1]]),
    });
  });

  it('never reserves more than the stock across many channels and orders, in any order', () => {
    const channels = ['shop', 'amazon', 'edi'];
    for (let seed = 1; seed <= 25; seed++) {
      const random = mulberry32(seed);
      const ledger = new ReservationLedger(() => testRules());
      const stocks = lookup([stock({ locationId: 'DC-ATLANTA', onHand: 17, allocated: 2 })]);
      let granted = 0;
      for (let order = 0; order < 40; order++) {
        const outcome = reserved(
          ledger.reserveLine(
            line({
              orderId: `O-${order}`,
              locationId: 'DC-ATLANTA',
              channelAccountId: channels[Math.floor(random() * 3)] ?? 'shop',
              quantity: 1 + Math.floor(random() * 4),
            }),
            stocks,
            NOW,
          ),
        );
        granted += outcome.reservation?.reservedQuantity ?? 0;
        const short = outcome.shortage;
        if (short) expect(short.requestedQuantity).toBeGreaterThan(short.availableQuantity);
      }
      expect(granted).toBeLessThanOrEqual(15);
      expect(ledger.openAt('SKU-1', 'DC-ATLANTA').total).toBe(granted);
      expect(granted).toBeGreaterThanOrEqual(12); // demand (40 orders) far exceeds stock: it sells out
    }
  });

  it('is idempotent per order line: a redelivery returns the original events and reserves nothing more', () => {
    const ledger = new ReservationLedger(() => testRules());
    const stocks = lookup([stock({ onHand: 5 })]);
    const first = reserved(ledger.reserveLine(line({ quantity: 2 }), stocks, NOW));
    const again = reserved(ledger.reserveLine(line({ quantity: 2 }), stocks, NOW + 1000));
    expect(again.duplicate).toBe(true);
    expect(again.reservationEvent).toEqual(first.reservationEvent);
    expect(ledger.openAt('SKU-1', 'DC-RENO').total).toBe(2);
  });

  it('repeats the same shortage for a redelivered short line even if stock arrived since', () => {
    const ledger = new ReservationLedger(() => testRules());
    const first = reserved(ledger.reserveLine(line({ quantity: 3 }), lookup([stock({ onHand: 1 })]), NOW));
    const again = reserved(ledger.reserveLine(line({ quantity: 3 }), lookup([stock({ onHand: 10 })]), NOW));
    expect(again).toMatchObject({ kind: 'SHORT', duplicate: true });
    expect(again.shortage?.eventId).toBe(first.shortage?.eventId);
  });

  it('builds a RESERVED event with a deterministic id, the open quantity and the channel TTL', () => {
    const ledger = new ReservationLedger(() => testRules());
    const outcome = reserved(
      ledger.reserveLine(line({ channelAccountId: 'amazon', quantity: 2 }), lookup([stock()]), NOW),
    );
    expect(outcome.reservationEvent).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      causationId: 'accepted-1',
      type: 'RESERVED',
      reservationId: 'ORD-1:1:DC-RENO',
      orderId: 'ORD-1',
      lineId: '1',
      sku: 'SKU-1',
      locationId: 'DC-RENO',
      channelAccountId: 'amazon',
      quantity: 2,
      openQuantity: 2,
      reason: 'ORDER_ACCEPTED',
      expiresAt: NOW + 48 * HOUR,
      version: 1,
      occurredAt: NOW,
    });
    const replayed = new ReservationLedger(() => testRules()).reserveLine(
      line({ channelAccountId: 'amazon', quantity: 2 }),
      lookup([stock()]),
      NOW,
    );
    expect(reserved(replayed).reservationEvent?.eventId).toBe(outcome.reservationEvent?.eventId);
  });

  describe('shortage reasons', () => {
    it('CHANNEL_ALLOCATION_EXHAUSTED when the units exist but another channel has them ring-fenced', () => {
      const ledger = new ReservationLedger(() => fencedRules);
      const outcome = reserved(ledger.reserveLine(line({ quantity: 2 }), lookup([stock({ onHand: 3 })]), NOW));
      expect(outcome.shortage).toMatchObject({
        reason: 'CHANNEL_ALLOCATION_EXHAUSTED',
        requestedQuantity: 2,
        availableQuantity: 1,
      });
      const owner = reserved(
        ledger.reserveLine(
          line({ orderId: 'A', channelAccountId: 'amazon', quantity: 3 }),
          lookup([stock({ onHand: 3 })]),
          NOW,
        ),
      );
      expect(owner.kind).toBe('RESERVED');
    });

    it('NO_ELIGIBLE_LOCATION when the location does not serve the channel, or the account has no rules', () => {
      const ledger = new ReservationLedger(() => testRules());
      const notServed = reserved(
        ledger.reserveLine(
          line({ channelAccountId: 'amazon', locationId: '3PL-DALLAS' }),
          lookup([stock({ locationId: '3PL-DALLAS' })]),
          NOW,
        ),
      );
      expect(notServed.shortage).toMatchObject({
        reason: 'NO_ELIGIBLE_LOCATION',
        locationId: '3PL-DALLAS',
        availableQuantity: 0,
      });
      const noRules = reserved(
        ledger.reserveLine(line({ orderId: 'X', channelAccountId: 'walmart' }), lookup([stock()]), NOW),
      );
      expect(noRules.shortage).toMatchObject({
        reason: 'NO_ELIGIBLE_LOCATION',
        locationId: null,
      });
    });

    it('ITEM_DISCONTINUED when a discontinued item has nothing left', () => {
      const ledger = new ReservationLedger(() => testRules());
      const outcome = reserved(
        ledger.reserveLine(
          line(),
          lookup([stock({ onHand: 0 })], {
            safetyStock: 0,
            discontinued: true,
          }),
          NOW,
        ),
      );
      expect(outcome.shortage?.reason).toBe('ITEM_DISCONTINUED');
    });

    it('INSUFFICIENT_STOCK with zero available when no source reported the SKU at the location', () => {
      const ledger = new ReservationLedger(() => testRules());
      const outcome = reserved(ledger.reserveLine(line(), lookup([]), NOW));
      expect(outcome.shortage).toMatchObject({
        reason: 'INSUFFICIENT_STOCK',
        availableQuantity: 0,
      });
    });

    it('STALE_INVENTORY when the stock figures are older than allowed', () => {
      const ledger = new ReservationLedger(() => testRules(), {
        maxStockAgeMs: 30 * 60_000,
      });
      const outcome = reserved(ledger.reserveLine(line(), lookup([stock({ asOf: NOW - HOUR })]), NOW));
      expect(outcome.shortage).toMatchObject({
        reason: 'STALE_INVENTORY',
        availableQuantity: 10,
      });
      const fresh = reserved(
        ledger.reserveLine(line({ orderId: 'O-2' }), lookup([stock({ asOf: NOW - 60_000 })]), NOW),
      );
      expect(fresh.kind).toBe('RESERVED');
    });
  });

  it('reserves what there is for a channel that accepts partial reservations, and reports the rest short', () => {
    const ledger = new ReservationLedger(() => testRules());
    const outcome = reserved(
      ledger.reserveLine(
        line({
          channelAccountId: 'edi',
          locationId: 'DC-ATLANTA',
          quantity: 10,
        }),
        lookup([stock({ locationId: 'DC-ATLANTA', onHand: 4 })]),
        NOW,
      ),
    );
    expect(outcome.kind).toBe('PARTIALLY_RESERVED');
    expect(outcome.reservation?.openQuantity).toBe(4);
    expect(outcome.shortage).toMatchObject({
      requestedQuantity: 10,
      availableQuantity: 4,
      reservedQuantity: 4,
      reason: 'INSUFFICIENT_STOCK',
    });
  });

  it('rejects a non-positive or fractional quantity instead of deciding on it', () => {
    const ledger = new ReservationLedger(() => testRules());
    expect(ledger.reserveLine(line({ quantity: 0 }), lookup([stock()]), NOW)).toMatchObject({
      kind: 'REJECTED',
      code: 'INVALID_QUANTITY',
    });
    expect(ledger.reserveLine(line({ quantity: 1.5 }), lookup([stock()]), NOW)).toMatchObject({
      kind: 'REJECTED',
      code: 'INVALID_QUANTITY',
    });
  });

  describe('after reservation', () => {
    function withReservation(quantity = 5) {
      const ledger = new ReservationLedger(() => testRules());
      reserved(
        ledger.reserveLine(line({ channelAccountId: 'amazon', quantity }), lookup([stock({ onHand: 10 })]), NOW),
      );
      return ledger;
    }
    const change = {
      orderId: 'ORD-1',
      lineId: '1',
      causationId: 'cancel-1',
      occurredAt: NOW + HOUR,
    };

    it('releases on cancellation, once per cause', () => {
      const ledger = withReservation();
      const released = ledger.release({ ...change, quantity: 2 });
      expect(released).toMatchObject({
        kind: 'CHANGED',
        duplicate: false,
        event: {
          type: 'RELEASED',
          quantity: 2,
          openQuantity: 3,
          version: 2,
          reason: 'ORDER_CANCELLED',
          causationId: 'cancel-1',
        },
      });
      const again = ledger.release({ ...change, quantity: 2 });
      expect(again).toMatchObject({ kind: 'CHANGED', duplicate: true });
      expect(
        again.kind === 'CHANGED' && released.kind === 'CHANGED' && again.event.eventId === released.event.eventId,
      ).toBe(true);
      expect(ledger.openAt('SKU-1', 'DC-RENO').total).toBe(3);
    });

    it('consumes on shipment and never gives back more than is open', () => {
      const ledger = withReservation();
      expect(ledger.consume({ ...change, causationId: 'ship-1', quantity: 8 })).toMatchObject({
        kind: 'CHANGED',
        event: {
          type: 'CONSUMED',
          quantity: 5,
          openQuantity: 0,
          reason: 'SHIPPED',
        },
      });
      expect(ledger.reservationOf('ORD-1', '1')?.status).toBe('CONSUMED');
      expect(ledger.openAt('SKU-1', 'DC-RENO')).toEqual({
        total: 0,
        byChannel: new Map(),
      });
      expect(ledger.release({ ...change, quantity: null })).toMatchObject({
        kind: 'NOTHING_OPEN',
      });
    });

    it('says when a line has no reservation to change', () => {
      expect(withReservation().release({ ...change, lineId: '2', quantity: null })).toEqual({
        kind: 'NO_RESERVATION',
        orderId: 'ORD-1',
        lineId: '2',
      });
    });

    it('expires reservations whose TTL elapsed, once', () => {
      const ledger = withReservation();
      expect(ledger.expireDue(NOW + 48 * HOUR - 1)).toEqual([]);
      const expired = ledger.expireDue(NOW + 48 * HOUR);
      expect(expired).toEqual([
        expect.objectContaining({
          type: 'EXPIRED',
          quantity: 5,
          openQuantity: 0,
          causationId: null,
          reason: 'TTL_ELAPSED',
        }),
      ]);
      expect(ledger.expireDue(NOW + 100 * HOUR)).toEqual([]);
      expect(ledger.reservationOf('ORD-1', '1')?.status).toBe('EXPIRED');
    });

    it('applies OrderCancelled per cancelled line and ignores NOT_CANCELLABLE', () => {
      const ledger = withReservation();
      const cancelled = {
        orderId: 'ORD-1',
        eventId: 'cancel-9',
        occurredAt: NOW,
        status: 'PARTIALLY_CANCELLED',
        cancelledLines: [{ lineId: '1', sku: 'SKU-1', quantity: 1 }],
      } as unknown as OrderCancelled;
      expect(ledger.applyCancellation({ ...cancelled, status: 'NOT_CANCELLABLE' })).toEqual([]);
      expect(ledger.applyCancellation(cancelled)).toEqual([
        expect.objectContaining({
          kind: 'CHANGED',
          event: expect.objectContaining({ quantity: 1, openQuantity: 4 }),
        }),
      ]);
      expect(ledger.applyCancellation({ ...cancelled, status: 'UNKNOWN' })).toMatchObject({
        kind: 'REJECTED',
        code: 'UNKNOWN_CANCELLATION_STATUS',
      });
    });
  });

  it('reserves every line of an accepted order at its routed location', () => {
    const ledger = new ReservationLedger(() => testRules());
    const order = {
      eventId: 'acc-1',
      orderId: 'ORD-7',
      channelAccountId: 'shop',
      occurredAt: NOW,
      lines: [
        { lineId: 'a', sku: 'SKU-1', quantity: 2, locationId: 'DC-RENO' },
        { lineId: 'b', sku: 'SKU-1', quantity: 3, locationId: '3PL-DALLAS' },
      ],
    } as unknown as OrderAccepted;
    const outcomes = ledger.reserveOrder(
      order,
      lookup([stock({ onHand: 5 }), stock({ locationId: '3PL-DALLAS', onHand: 1 })]),
      NOW,
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['RESERVED', 'SHORT']);
    expect(ledger.openAt('SKU-1', 'DC-RENO').total).toBe(2);
  });
});

// Small seeded PRNG so the race test explores many orderings yet fails reproducibly.
function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
