import type { ReservationEvent } from '@crossdock/contracts';
import type { ChannelRuleSet } from '../channel-rules/channel-rule-set.model';
import type { ItemFacts } from '../sellable/sellable-quantity.calculator';
import type { LocationStock, OpenReservationTotals } from '../sellable/stock.types';
import { HOUR, NOW, stock, testRules } from '../test-support/availability.fixtures';
import { cancellationChange, expiryChange } from './reservation.commands';
import type { ReserveLineRequest } from './reservation.decision';
import {
  changeReservation,
  isDue,
  lineOutcome,
  reserveLine,
  type ReservationChangeCommand,
  type ReservationChangeDecision,
  type ReserveLineDecision,
} from './reservation.transitions';
import type { ReservationLine } from './reservation.types';

const fencedRules = testRules(`
ringFences:
  - { channelAccountId: amazon, sku: SKU-1, locationId: DC-RENO, quantity: 2 }
`);

/**
 * What the service's database does around the transitions, in memory: one held line per order
 * line, the earlier change per (line, cause, type), open totals summed from the lines.
 */
class Book {
  private readonly lines = new Map<string, ReservationLine>();
  private readonly changes = new Map<string, ReservationEvent>();

  constructor(
    private readonly rules: ChannelRuleSet = testRules(),
    private readonly maxStockAgeMs: number | null = null,
  ) {}

  reserve(request: ReserveLineRequest, stocks: LocationStock[], item: ItemFacts | undefined = { safetyStock: 0, discontinued: false }): ReserveLineDecision {
    const decision = reserveLine({
      request,
      rules: this.rules,
      stock: stocks.find((s) => s.sku === request.sku && s.locationId === request.locationId),
      reservations: this.openAt(request.sku, request.locationId),
      item,
      now: NOW,
      maxStockAgeMs: this.maxStockAgeMs,
      held: this.line(request.orderId, request.lineId) ?? null,
    });
    if (decision.kind === 'RECORD') this.lines.set(lineKey(request.orderId, request.lineId), decision.line);
    return decision;
  }

  change(orderId: string, lineId: string, command: ReservationChangeCommand): ReservationChangeDecision {
    const line = this.line(orderId, lineId) ?? null;
    const changeKey = `${lineKey(orderId, lineId)}|${command.cause}|${command.type}`;
    const decision = changeReservation({ line, command, earlier: this.changes.get(changeKey) ?? null });
    if (decision.kind === 'CHANGE' && line) {
      this.lines.set(lineKey(orderId, lineId), { ...line, reservation: decision.reservation });
      this.changes.set(changeKey, decision.event);
    }
    return decision;
  }

  line(orderId: string, lineId: string): ReservationLine | undefined {
    return this.lines.get(lineKey(orderId, lineId));
  }

  openAt(sku: string, locationId: string): OpenReservationTotals {
    const byChannel = new Map<string, number>();
    let total = 0;
    for (const { reservation } of this.lines.values()) {
      if (!reservation || reservation.sku !== sku || reservation.locationId !== locationId || reservation.openQuantity === 0) continue;
      byChannel.set(reservation.channelAccountId, (byChannel.get(reservation.channelAccountId) ?? 0) + reservation.openQuantity);
      total += reservation.openQuantity;
    }
    return { total, byChannel };
  }
}

function lineKey(orderId: string, lineId: string): string {
  return `${orderId}\u0000${lineId}`;
}

function request(overrides: Partial<ReserveLineRequest> = {}): ReserveLineRequest {
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

function recorded(decision: ReserveLineDecision): Extract<ReserveLineDecision, { kind: 'RECORD' }> {
  if (decision.kind !== 'RECORD') throw new Error(`expected a new line, got ${decision.kind}`);
  return decision;
}

function changed(decision: ReservationChangeDecision): Extract<ReservationChangeDecision, { kind: 'CHANGE' }> {
  if (decision.kind !== 'CHANGE') throw new Error(`expected a change, got ${JSON.stringify(decision)}`);
  return decision;
}

function release(quantity: number | null, cause = 'cancel-1'): ReservationChangeCommand {
  return { type: 'RELEASED', reason: 'ORDER_CANCELLED', quantity, cause, causationId: cause, occurredAt: NOW + HOUR };
}

describe('reserveLine', () => {
  it('gives the last unit to exactly one of two channels racing for it; the other gets a shortage', () => {
    const book = new Book();
    const stocks = [stock({ onHand: 1 })];
    const first = recorded(book.reserve(request({ orderId: 'SHOP-1', channelAccountId: 'shop' }), stocks));
    const second = recorded(book.reserve(request({ orderId: 'AMZ-1', channelAccountId: 'amazon', causationId: 'accepted-2' }), stocks));
    expect(lineOutcome(first.line)).toBe('RESERVED');
    expect(first.openDelta).toBe(1);
    expect(lineOutcome(second.line)).toBe('SHORT');
    expect(second.openDelta).toBe(0);
    expect(second.line.reservation).toBeNull();
    expect(second.line.shortageEvent).toMatchObject({
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
    expect(book.openAt('SKU-1', 'DC-RENO')).toEqual({ total: 1, byChannel: new Map([['shop', 1]]) });
  });

  it('never reserves more than the stock across many channels and orders, in any order', () => {
    const channels = ['shop', 'amazon', 'edi'];
    for (let seed = 1; seed <= 25; seed++) {
      const random = mulberry32(seed);
      const book = new Book();
      const stocks = [stock({ locationId: 'DC-ATLANTA', onHand: 17, allocated: 2 })];
      let granted = 0;
      for (let order = 0; order < 40; order++) {
        const decision = recorded(
          book.reserve(
            request({
              orderId: `O-${order}`,
              locationId: 'DC-ATLANTA',
              channelAccountId: channels[Math.floor(random() * 3)] ?? 'shop',
              quantity: 1 + Math.floor(random() * 4),
            }),
            stocks,
          ),
        );
        granted += decision.line.reservation?.reservedQuantity ?? 0;
        const short = decision.line.shortageEvent;
        if (short) expect(short.requestedQuantity).toBeGreaterThan(short.availableQuantity);
      }
      expect(granted).toBeLessThanOrEqual(15);
      expect(book.openAt('SKU-1', 'DC-ATLANTA').total).toBe(granted);
      expect(granted).toBeGreaterThanOrEqual(12); // demand (40 orders) far exceeds stock: it sells out
    }
  });

  it('is idempotent per order line: a redelivery returns the original line and reserves nothing more', () => {
    const book = new Book();
    const stocks = [stock({ onHand: 5 })];
    const first = recorded(book.reserve(request({ quantity: 2 }), stocks));
    const again = book.reserve(request({ quantity: 2 }), stocks);
    expect(again).toEqual({ kind: 'DUPLICATE', line: first.line });
    expect(book.openAt('SKU-1', 'DC-RENO').total).toBe(2);
  });

  it('repeats the same shortage for a redelivered short line even if stock arrived since', () => {
    const book = new Book();
    const first = recorded(book.reserve(request({ quantity: 3 }), [stock({ onHand: 1 })]));
    const again = book.reserve(request({ quantity: 3 }), [stock({ onHand: 10 })]);
    expect(again.kind).toBe('DUPLICATE');
    expect(lineOutcome(again.line)).toBe('SHORT');
    expect(again.line.shortageEvent?.eventId).toBe(first.line.shortageEvent?.eventId);
  });

  it('builds a RESERVED event with a deterministic id, the open quantity and the channel TTL from the acceptance', () => {
    const decided = recorded(new Book().reserve(request({ channelAccountId: 'amazon', quantity: 2 }), [stock()]));
    expect(decided.line.reservedEvent).toEqual({
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
    expect(decided.line.reservation).toMatchObject({ status: 'OPEN', reservedQuantity: 2, openQuantity: 2, version: 1 });
    const replayed = recorded(new Book().reserve(request({ channelAccountId: 'amazon', quantity: 2 }), [stock()]));
    expect(replayed.line.reservedEvent?.eventId).toBe(decided.line.reservedEvent?.eventId);
  });

  it('sets no expiry for a channel without a reservation TTL', () => {
    const decided = recorded(new Book().reserve(request({ channelAccountId: 'shop' }), [stock()]));
    expect(decided.line.reservation?.expiresAt).toBeNull();
    expect(decided.line.reservedEvent?.expiresAt).toBeNull();
  });

  describe('shortage reasons', () => {
    it('CHANNEL_ALLOCATION_EXHAUSTED when the units exist but another channel has them ring-fenced', () => {
      const book = new Book(fencedRules);
      const fenced = recorded(book.reserve(request({ quantity: 2 }), [stock({ onHand: 3 })]));
      expect(fenced.line.shortageEvent).toMatchObject({
        reason: 'CHANNEL_ALLOCATION_EXHAUSTED',
        requestedQuantity: 2,
        availableQuantity: 1,
      });
      const owner = recorded(book.reserve(request({ orderId: 'A', channelAccountId: 'amazon', quantity: 3 }), [stock({ onHand: 3 })]));
      expect(lineOutcome(owner.line)).toBe('RESERVED');
    });

    it('NO_ELIGIBLE_LOCATION when the location does not serve the channel, or the account has no rules', () => {
      const book = new Book();
      const notServed = recorded(book.reserve(request({ channelAccountId: 'amazon', locationId: '3PL-DALLAS' }), [stock({ locationId: '3PL-DALLAS' })]));
      expect(notServed.line.shortageEvent).toMatchObject({
        reason: 'NO_ELIGIBLE_LOCATION',
        locationId: '3PL-DALLAS',
        availableQuantity: 0,
      });
      const noRules = recorded(book.reserve(request({ orderId: 'X', channelAccountId: 'walmart' }), [stock()]));
      expect(noRules.line.shortageEvent).toMatchObject({ reason: 'NO_ELIGIBLE_LOCATION', locationId: null });
    });

    it('ITEM_DISCONTINUED when a discontinued item has nothing left', () => {
      const decided = recorded(new Book().reserve(request(), [stock({ onHand: 0 })], { safetyStock: 0, discontinued: true }));
      expect(decided.line.shortageEvent?.reason).toBe('ITEM_DISCONTINUED');
    });

    it('INSUFFICIENT_STOCK with zero available when no source reported the SKU at the location', () => {
      const decided = recorded(new Book().reserve(request(), []));
      expect(decided.line.shortageEvent).toMatchObject({ reason: 'INSUFFICIENT_STOCK', availableQuantity: 0 });
    });

    it('STALE_INVENTORY when the stock figures are older than allowed', () => {
      const book = new Book(testRules(), 30 * 60_000);
      const stale = recorded(book.reserve(request(), [stock({ asOf: NOW - HOUR })]));
      expect(stale.line.shortageEvent).toMatchObject({ reason: 'STALE_INVENTORY', availableQuantity: 10 });
      const fresh = recorded(book.reserve(request({ orderId: 'O-2' }), [stock({ asOf: NOW - 60_000 })]));
      expect(lineOutcome(fresh.line)).toBe('RESERVED');
    });
  });

  it('reserves what there is for a channel that accepts partial reservations, and reports the rest short', () => {
    const decided = recorded(
      new Book().reserve(request({ channelAccountId: 'edi', locationId: 'DC-ATLANTA', quantity: 10 }), [stock({ locationId: 'DC-ATLANTA', onHand: 4 })]),
    );
    expect(lineOutcome(decided.line)).toBe('PARTIALLY_RESERVED');
    expect(decided.openDelta).toBe(4);
    expect(decided.line).toMatchObject({ requestedQuantity: 10, reservation: { reservedQuantity: 4, openQuantity: 4 } });
    expect(decided.line.shortageEvent).toMatchObject({
      requestedQuantity: 10,
      availableQuantity: 4,
      reservedQuantity: 4,
      reason: 'INSUFFICIENT_STOCK',
    });
  });
});

describe('changeReservation', () => {
  function withReservation(quantity = 5): Book {
    const book = new Book();
    recorded(book.reserve(request({ channelAccountId: 'amazon', quantity }), [stock({ onHand: 10 })]));
    return book;
  }

  it('releases on cancellation once per cause: the redelivery re-publishes the same event and changes nothing', () => {
    const book = withReservation();
    const released = changed(book.change('ORD-1', '1', release(2)));
    expect(released.openDelta).toBe(-2);
    expect(released.event).toMatchObject({
      type: 'RELEASED',
      quantity: 2,
      openQuantity: 3,
      version: 2,
      reason: 'ORDER_CANCELLED',
      causationId: 'cancel-1',
    });
    expect(released.reservation).toMatchObject({ status: 'OPEN', openQuantity: 3 });
    expect(book.change('ORD-1', '1', release(2))).toEqual({ kind: 'DUPLICATE', event: released.event });
    expect(book.openAt('SKU-1', 'DC-RENO').total).toBe(3);
  });

  it('releases the rest under another cause and ends RELEASED', () => {
    const book = withReservation();
    changed(book.change('ORD-1', '1', release(2)));
    const rest = changed(book.change('ORD-1', '1', release(null, 'cancel-2')));
    expect(rest.event).toMatchObject({ quantity: 3, openQuantity: 0, version: 3 });
    expect(rest.reservation.status).toBe('RELEASED');
    expect(book.change('ORD-1', '1', release(null, 'cancel-3'))).toEqual({ kind: 'REFUSED', reason: 'NOTHING_OPEN' });
  });

  it('consumes on shipment and never gives back more than is open', () => {
    const book = withReservation();
    const shipped = changed(
      book.change('ORD-1', '1', {
        type: 'CONSUMED',
        reason: 'SHIPPED',
        quantity: 8,
        cause: 'ship-1',
        causationId: 'ship-1',
        occurredAt: NOW + HOUR,
      }),
    );
    expect(shipped.event).toMatchObject({ type: 'CONSUMED', quantity: 5, openQuantity: 0, reason: 'SHIPPED' });
    expect(shipped.openDelta).toBe(-5);
    expect(book.line('ORD-1', '1')?.reservation?.status).toBe('CONSUMED');
    expect(book.openAt('SKU-1', 'DC-RENO')).toEqual({ total: 0, byChannel: new Map() });
    expect(book.change('ORD-1', '1', release(null))).toEqual({ kind: 'REFUSED', reason: 'NOTHING_OPEN' });
  });

  it('refuses a line that was never decided, and a line that was short', () => {
    const book = withReservation();
    expect(book.change('ORD-1', '2', release(null))).toEqual({ kind: 'REFUSED', reason: 'NO_RESERVATION' });
    recorded(book.reserve(request({ orderId: 'SHORT-1', quantity: 50 }), [stock({ onHand: 10 })]));
    expect(book.change('SHORT-1', '1', release(null))).toEqual({ kind: 'REFUSED', reason: 'NO_RESERVATION' });
  });

  it('refuses a change of nothing', () => {
    expect(withReservation().change('ORD-1', '1', release(0))).toEqual({ kind: 'REFUSED', reason: 'NO_QUANTITY' });
  });

  describe('expiry by TTL', () => {
    const expiresAt = NOW + 48 * HOUR;

    it('a reservation whose expiresAt equals now is due; a millisecond earlier it is not', () => {
      const reservation = withReservation().line('ORD-1', '1')?.reservation;
      if (!reservation) throw new Error('no reservation');
      expect(reservation.expiresAt).toBe(expiresAt);
      expect(isDue(reservation, expiresAt - 1)).toBe(false);
      expect(isDue(reservation, expiresAt)).toBe(true);
      expect(isDue({ ...reservation, expiresAt: null }, expiresAt + 100 * HOUR)).toBe(false);
    });

    it('expires everything open at the exact instant, once', () => {
      const book = withReservation();
      expect(book.change('ORD-1', '1', expiryChange(expiresAt, expiresAt - 1))).toEqual({
        kind: 'REFUSED',
        reason: 'NOT_DUE',
      });
      const expired = changed(book.change('ORD-1', '1', expiryChange(expiresAt, expiresAt)));
      expect(expired.event).toMatchObject({
        type: 'EXPIRED',
        quantity: 5,
        openQuantity: 0,
        causationId: null,
        reason: 'TTL_ELAPSED',
        occurredAt: expiresAt,
      });
      expect(expired.reservation.status).toBe('EXPIRED');
      // A second sweep (another instance, the next tick) names the same cause.
      expect(book.change('ORD-1', '1', expiryChange(expiresAt, expiresAt + 100 * HOUR))).toEqual({
        kind: 'DUPLICATE',
        event: expired.event,
      });
    });

    it('expires only what a partial release left open', () => {
      const book = withReservation();
      changed(book.change('ORD-1', '1', cancellationChange(cancelled('cancel-9'), 2)));
      const expired = changed(book.change('ORD-1', '1', expiryChange(expiresAt, expiresAt)));
      expect(expired.event).toMatchObject({ quantity: 3, openQuantity: 0, version: 3 });
    });

    it('never expires a reservation without a TTL', () => {
      const book = new Book();
      recorded(book.reserve(request({ channelAccountId: 'shop' }), [stock()]));
      expect(book.change('ORD-1', '1', expiryChange(NOW, NOW + 1000 * HOUR))).toEqual({
        kind: 'REFUSED',
        reason: 'NOT_DUE',
      });
    });
  });
});

function cancelled(eventId: string) {
  return {
    eventId,
    orderId: 'ORD-1',
    occurredAt: NOW + HOUR,
    status: 'PARTIALLY_CANCELLED',
    cancelledLines: [],
  } as unknown as Parameters<typeof cancellationChange>[0];
}

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
