import { sampleLineState } from '../testing/shipment-book.fixture';
import { deriveFulfilmentStatus, expectedQuantity } from './fulfilment-status';

describe('deriveFulfilmentStatus', () => {
  const line = sampleLineState;

  it('is RELEASED until something is picked, then IN_PROGRESS', () => {
    expect(deriveFulfilmentStatus([line()])).toBe('RELEASED');
    expect(deriveFulfilmentStatus([line({ pickedQuantity: 1 })])).toBe('IN_PROGRESS');
    expect(deriveFulfilmentStatus([line({ shortQuantity: 1 })])).toBe('IN_PROGRESS');
  });

  it('is PARTIALLY_SHIPPED while some expected units wait, SHIPPED when all left', () => {
    expect(deriveFulfilmentStatus([line({ orderedQuantity: 3, shippedQuantity: 1 })])).toBe('PARTIALLY_SHIPPED');
    expect(deriveFulfilmentStatus([line({ orderedQuantity: 3, shippedQuantity: 3 })])).toBe('SHIPPED');
    expect(deriveFulfilmentStatus([line({ orderedQuantity: 3, shippedQuantity: 2, shortQuantity: 1 })])).toBe('SHIPPED');
  });

  it('is PARTIALLY_DELIVERED once all shipped and some delivered, DELIVERED when all delivered', () => {
    expect(deriveFulfilmentStatus([line({ orderedQuantity: 2, shippedQuantity: 2, deliveredQuantity: 1 })])).toBe('PARTIALLY_DELIVERED');
    expect(deriveFulfilmentStatus([line({ orderedQuantity: 2, shippedQuantity: 2, deliveredQuantity: 2 })])).toBe('DELIVERED');
    expect(deriveFulfilmentStatus([line({ lineId: '1', shippedQuantity: 1, deliveredQuantity: 1 }), line({ lineId: '2' })])).toBe('PARTIALLY_SHIPPED');
  });

  it('is CANCELLED only when every unit is cancelled', () => {
    expect(deriveFulfilmentStatus([line({ cancelledQuantity: 1 })])).toBe('CANCELLED');
    expect(deriveFulfilmentStatus([line({ lineId: '1', cancelledQuantity: 1 }), line({ lineId: '2', shippedQuantity: 1 })])).toBe('SHIPPED');
  });

  it('expects ordered less cancelled less short', () => {
    expect(expectedQuantity(line({ orderedQuantity: 5, cancelledQuantity: 1, shortQuantity: 2 }))).toBe(2);
  });
});
