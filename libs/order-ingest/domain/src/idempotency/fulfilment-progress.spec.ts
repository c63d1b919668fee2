import { cancellationRefusalMessage, readFulfilmentProgress } from './fulfilment-progress';
import { decideOnArrival, type KnownOrder } from './order-arrival.decision';

const line = (lineId: string, picked = 0, shipped = 0, delivered = 0) => ({
  lineId,
  pickedQuantity: picked,
  shippedQuantity: shipped,
  deliveredQuantity: delivered,
});

describe('readFulfilmentProgress', () => {
  it('is NOT_STARTED while no line picked anything', () => {
    expect(readFulfilmentProgress([line('1'), line('2')])).toEqual({ kind: 'PROGRESS', progress: 'NOT_STARTED' });
    expect(readFulfilmentProgress([])).toEqual({ kind: 'PROGRESS', progress: 'NOT_STARTED' });
  });

  it('is PICKED once any line picked a unit', () => {
    expect(readFulfilmentProgress([line('1'), line('2', 1)])).toEqual({ kind: 'PROGRESS', progress: 'PICKED' });
  });

  it('is SHIPPED once any line shipped or delivered a unit, whatever the other lines did', () => {
    expect(readFulfilmentProgress([line('1', 2, 1), line('2', 3)])).toEqual({ kind: 'PROGRESS', progress: 'SHIPPED' });
    expect(readFulfilmentProgress([line('1', 2), line('2', 0, 0, 1)])).toEqual({ kind: 'PROGRESS', progress: 'SHIPPED' });
  });

  it('refuses a negative or fractional quantity, naming it', () => {
    expect(readFulfilmentProgress([line('1'), line('2', -1)])).toEqual({
      kind: 'INVALID',
      code: 'INVALID_FULFILMENT_QUANTITY',
      message: 'lines.1.pickedQuantity -1 is not a whole quantity from 0',
    });
    expect(readFulfilmentProgress([line('1', 0, 0.5)])).toMatchObject({
      kind: 'INVALID',
      message: 'lines.0.shippedQuantity 0.5 is not a whole quantity from 0',
    });
  });
});

describe('the cancellation guard', () => {
  const accepted = (fulfilment: KnownOrder['fulfilment']): KnownOrder => ({
    state: 'ACCEPTED',
    erpAttempted: true,
    fulfilment,
    snapshotOccurredAt: 1_000,
    processedEventIds: [],
  });
  const cancel = { eventId: 'cancel-1', eventType: 'CANCELLED' as const, occurredAt: 2_000 };

  it('refuses a cancellation of a picked or shipped order without going to the ERP, with a stable reason', () => {
    for (const [lines, reasonCode] of [
      [[line('1', 1)], 'ALREADY_PICKED'],
      [[line('1', 1, 1), line('2')], 'ALREADY_SHIPPED'],
    ] as const) {
      const reading = readFulfilmentProgress(lines);
      if (reading.kind !== 'PROGRESS') throw new Error(reading.message);
      expect(decideOnArrival(cancel, accepted(reading.progress)).action).toEqual({ kind: 'NOT_CANCELLABLE', reasonCode });
    }
  });

  it('cancels in the ERP before anything was picked', () => {
    expect(decideOnArrival(cancel, accepted('NOT_STARTED')).action).toEqual({ kind: 'CANCEL_IN_ERP' });
  });

  it('says why in words', () => {
    expect(cancellationRefusalMessage('ALREADY_SHIPPED')).toMatch(/already shipped/);
    expect(cancellationRefusalMessage('ALREADY_PICKED')).toMatch(/already picked/);
  });
});
