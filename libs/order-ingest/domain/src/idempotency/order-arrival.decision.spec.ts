import type { ChannelOrderEventType } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { type ArrivalAction, decideOnArrival, type FulfilmentProgress, type KnownOrder, type OrderLifecycleState } from './order-arrival.decision';
import { orderDedupKey } from './order-dedup-key';

const event = (eventType: ChannelOrderEventType, eventId = `evt-${eventType}`, occurredAt = 2_000) => ({
  eventId,
  eventType,
  occurredAt,
});
const known = (state: OrderLifecycleState, overrides: Partial<KnownOrder> = {}): KnownOrder => ({
  state,
  erpAttempted: false,
  fulfilment: 'NOT_STARTED',
  snapshotOccurredAt: 1_000,
  processedEventIds: ['evt-original'],
  ...overrides,
});
const kind = (action: ArrivalAction) => (action.kind === 'NOT_CANCELLABLE' ? `NOT_CANCELLABLE:${action.reasonCode}` : action.kind);

describe('orderDedupKey', () => {
  it('is shared by retries of one business event and differs between create and cancel', () => {
    const created = sampleChannelOrder();
    const retried = sampleChannelOrder({ eventId: 'evt-webhook-retry', sourceDeliveryId: 'other-delivery' });
    expect(orderDedupKey(retried)).toBe(orderDedupKey(created));
    expect(orderDedupKey({ ...created, eventType: 'CANCELLED' })).not.toBe(orderDedupKey(created));
    expect(orderDedupKey(created)).toBe('SHOPIFY:acme-outdoor:5533284548710#CREATED');
  });
});

describe('decideOnArrival', () => {
  it.each<[OrderLifecycleState | 'NEW', ChannelOrderEventType, string, boolean, Partial<KnownOrder>?]>([
    ['NEW', 'CREATED', 'EVALUATE', false],
    ['SUBMISSION_PENDING', 'CREATED', 'SUPPRESS', true],
    ['ACCEPTED', 'CREATED', 'SUPPRESS', true],
    ['HELD', 'CREATED', 'REEVALUATE', false],
    ['HELD', 'CREATED', 'SUPPRESS', true, { snapshotOccurredAt: 2_000 }],
    ['REJECTED', 'CREATED', 'SUPPRESS', true],
    ['CANCELLED', 'CREATED', 'SUPPRESS', true],
    ['CANCELLED_BEFORE_CREATE', 'CREATED', 'SUPPRESS', true],
    ['NEW', 'CANCELLED', 'REMEMBER_EARLY_CANCEL', false],
    ['SUBMISSION_PENDING', 'CANCELLED', 'CANCEL_LOCALLY', false],
    ['SUBMISSION_PENDING', 'CANCELLED', 'QUEUE_CANCEL_AFTER_SUBMIT', false, { erpAttempted: true }],
    ['ACCEPTED', 'CANCELLED', 'CANCEL_IN_ERP', false],
    ['ACCEPTED', 'CANCELLED', 'NOT_CANCELLABLE:ALREADY_PICKED', false, { fulfilment: 'PICKED' as FulfilmentProgress }],
    ['ACCEPTED', 'CANCELLED', 'NOT_CANCELLABLE:ALREADY_SHIPPED', false, { fulfilment: 'SHIPPED' as FulfilmentProgress }],
    ['HELD', 'CANCELLED', 'CANCEL_LOCALLY', false],
    ['REJECTED', 'CANCELLED', 'CANCEL_LOCALLY', false],
    ['CANCELLED', 'CANCELLED', 'SUPPRESS', true],
    ['CANCELLED_BEFORE_CREATE', 'CANCELLED', 'SUPPRESS', true],
  ])('%s + %s → %s (duplicate: %s)', (state, eventType, expected, duplicate, overrides = {}) => {
    const decision = decideOnArrival(event(eventType), state === 'NEW' ? null : known(state, overrides));
    expect(kind(decision.action)).toBe(expected);
    expect(decision.duplicate).toBe(duplicate);
  });

  it('suppresses an already processed eventId in any state, even one that would otherwise re-evaluate', () => {
    const decision = decideOnArrival(event('CREATED', 'evt-original', 9_999), known('HELD'));
    expect(decision).toEqual({
      action: { kind: 'SUPPRESS', reason: expect.stringContaining('evt-original') },
      duplicate: true,
    });
  });

  it('dead-letters an event type from a newer schema instead of guessing', () => {
    expect(decideOnArrival(event('UNKNOWN'), null).action.kind).toBe('DEAD_LETTER');
  });

  it('never applies a line-level cancellation as a whole-order cancel, in any state', () => {
    const order = sampleChannelOrder();
    const partial = {
      ...event('CANCELLED'),
      lines: order.lines,
      cancellation: { reasonCode: 'customer', reason: null, lines: [{ lineId: '2', quantity: 1 }] },
    };
    const whole = { ...partial, cancellation: { ...partial.cancellation, lines: order.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity })) } };
    for (const state of ['SUBMISSION_PENDING', 'ACCEPTED', 'HELD'] as const) {
      expect(decideOnArrival(partial, known(state)).action).toMatchObject({ kind: 'DEAD_LETTER', code: 'PARTIAL_CANCELLATION_UNSUPPORTED' });
      expect(decideOnArrival(whole, known(state)).action.kind).not.toBe('DEAD_LETTER');
    }
    expect(decideOnArrival(partial, null).action.kind).toBe('DEAD_LETTER');
  });
});
