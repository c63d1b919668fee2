import type { ChannelOrder } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { isPartialCancellation } from './cancellation-scope';

const order = sampleChannelOrder();
const cancelling = (lines: Array<{ lineId: string; quantity: number }>): ChannelOrder => ({
  ...order,
  eventType: 'CANCELLED',
  cancellation: { reasonCode: 'customer', reason: null, lines },
});

describe('isPartialCancellation', () => {
  it('takes no lines to mean the whole order', () => {
    expect(isPartialCancellation(cancelling([]))).toBe(false);
    expect(isPartialCancellation({ ...order, cancellation: null })).toBe(false);
  });

  it('takes every line at its full quantity (split over entries or not) to mean the whole order', () => {
    const all = order.lines.flatMap((l) =>
      l.quantity > 1
        ? [
            { lineId: l.lineId, quantity: 1 },
            { lineId: l.lineId, quantity: l.quantity - 1 },
          ]
        : [{ lineId: l.lineId, quantity: l.quantity }],
    );
    expect(isPartialCancellation(cancelling(all))).toBe(false);
  });

  it('is partial when a line is left out or cancelled short', () => {
    // The sample: line 1 × 2, line 2 × 1, line 3 × 3.
    expect(
      isPartialCancellation(
        cancelling([
          { lineId: '2', quantity: 1 },
          { lineId: '3', quantity: 3 },
        ]),
      ),
    ).toBe(true);
    expect(
      isPartialCancellation(
        cancelling([
          { lineId: '1', quantity: 1 },
          { lineId: '2', quantity: 1 },
          { lineId: '3', quantity: 3 },
        ]),
      ),
    ).toBe(true);
  });
});
