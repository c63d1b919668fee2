import { sampleChannelOrder } from '@crossdock/testing';
import { toOrderCancelled, type CancellationOutcome } from './order-cancelled.mapper';

const outcome = (overrides: Partial<CancellationOutcome> = {}): CancellationOutcome => ({
  eventId: 'e-1',
  causationId: 'evt-cancel',
  outcomeSequence: 2,
  status: 'CANCELLED',
  erpOrderNumber: null,
  reasonCode: 'CUSTOMER_REQUEST',
  message: null,
  requestedAt: 1,
  occurredAt: 2,
  ...overrides,
});

describe('toOrderCancelled', () => {
  const order = sampleChannelOrder();

  it('lists the channel lines when the order was never booked (no hub SKU known)', () => {
    const event = toOrderCancelled(order, { draft: null, snapshot: order }, outcome());
    expect(event.cancelledLines).toEqual([
      { lineId: '1', sku: null, quantity: 2 },
      { lineId: '2', sku: null, quantity: 1 },
      { lineId: '3', sku: null, quantity: 3 },
    ]);
    expect(event).toMatchObject({ orderId: order.orderId, status: 'CANCELLED', outcomeSequence: 2, causationId: 'evt-cancel' });
  });

  it('lists nothing when the cancellation did not happen', () => {
    expect(toOrderCancelled(order, { draft: null, snapshot: order }, outcome({ status: 'NOT_CANCELLABLE' })).cancelledLines).toEqual([]);
  });

  it('lists nothing for a cancel that arrived before its order', () => {
    expect(toOrderCancelled(order, { draft: null, snapshot: null }, outcome()).cancelledLines).toEqual([]);
  });
});
