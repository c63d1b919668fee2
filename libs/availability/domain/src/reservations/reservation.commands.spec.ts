import type { OrderAccepted, OrderCancelled } from '@crossdock/contracts';
import { NOW } from '../test-support/availability.fixtures';
import { cancellationChange, expiryChange, MAX_LINE_QUANTITY, planCancellationRelease, planOrderReservation } from './reservation.commands';

function accepted(quantities: number[]): OrderAccepted {
  return {
    eventId: 'acc-1',
    orderId: 'ORD-7',
    channelAccountId: 'shop',
    occurredAt: NOW,
    lines: quantities.map((quantity, i) => ({
      lineId: `l${i}`,
      sku: 'SKU-1',
      quantity,
      locationId: i === 0 ? 'DC-RENO' : '3PL-DALLAS',
    })),
  } as unknown as OrderAccepted;
}

function cancelled(overrides: Partial<OrderCancelled>): OrderCancelled {
  return {
    eventId: 'cancel-9',
    orderId: 'ORD-1',
    occurredAt: NOW,
    status: 'PARTIALLY_CANCELLED',
    cancelledLines: [{ lineId: '1', sku: 'SKU-1', quantity: 1 }],
    ...overrides,
  } as unknown as OrderCancelled;
}

describe('planOrderReservation', () => {
  it('asks for every line of an accepted order at its routed location, caused by the acceptance', () => {
    expect(planOrderReservation(accepted([2, 3]))).toEqual({
      kind: 'RESERVE',
      lines: [
        {
          orderId: 'ORD-7',
          lineId: 'l0',
          sku: 'SKU-1',
          locationId: 'DC-RENO',
          channelAccountId: 'shop',
          quantity: 2,
          causationId: 'acc-1',
          occurredAt: NOW,
        },
        expect.objectContaining({ lineId: 'l1', locationId: '3PL-DALLAS', quantity: 3 }),
      ],
    });
  });

  it.each([0, -1, 1.5, MAX_LINE_QUANTITY + 1, Number.NaN])('refuses the whole order when a line asks for %p', (bad) => {
    expect(planOrderReservation(accepted([2, bad]))).toEqual({
      kind: 'REFUSED',
      code: 'INVALID_QUANTITY',
      message: `lines.1.quantity ${bad} is not a positive whole quantity`,
    });
  });

  it('takes the largest quantity a line can hold', () => {
    expect(planOrderReservation(accepted([MAX_LINE_QUANTITY])).kind).toBe('RESERVE');
  });
});

describe('planCancellationRelease', () => {
  it('refuses an UNKNOWN status and releases nothing for NOT_CANCELLABLE', () => {
    expect(planCancellationRelease(cancelled({ status: 'UNKNOWN' }))).toMatchObject({
      kind: 'REFUSED',
      code: 'UNKNOWN_CANCELLATION_STATUS',
    });
    expect(planCancellationRelease(cancelled({ status: 'NOT_CANCELLABLE' }))).toEqual({ kind: 'NONE' });
  });

  it('releases the cancelled quantity of each line of a partial cancellation', () => {
    expect(planCancellationRelease(cancelled({}))).toEqual({ kind: 'RELEASE', lines: [{ lineId: '1', quantity: 1 }] });
  });

  it('releases all that is open on each line of a whole-order cancellation', () => {
    expect(planCancellationRelease(cancelled({ status: 'CANCELLED' }))).toEqual({
      kind: 'RELEASE',
      lines: [{ lineId: '1', quantity: null }],
    });
  });

  it('releases every open line when the cancellation names none', () => {
    expect(planCancellationRelease(cancelled({ status: 'CANCELLED', cancelledLines: [] }))).toEqual({
      kind: 'RELEASE',
      lines: null,
    });
  });

  it('makes the cancellation event the cause of each release', () => {
    expect(cancellationChange(cancelled({}), 1)).toEqual({
      type: 'RELEASED',
      reason: 'ORDER_CANCELLED',
      quantity: 1,
      cause: 'cancel-9',
      causationId: 'cancel-9',
      occurredAt: NOW,
    });
  });
});

describe('expiryChange', () => {
  it('names the expiry instant as its cause, whenever the sweep runs', () => {
    const first = expiryChange(NOW, NOW + 5);
    expect(first).toEqual({
      type: 'EXPIRED',
      reason: 'TTL_ELAPSED',
      quantity: null,
      cause: `ttl:${new Date(NOW).toISOString()}`,
      causationId: null,
      occurredAt: NOW + 5,
    });
    expect(expiryChange(NOW, NOW + 60_000).cause).toBe(first.cause);
    expect(expiryChange(NOW + 1, NOW + 5).cause).not.toBe(first.cause);
  });
});
