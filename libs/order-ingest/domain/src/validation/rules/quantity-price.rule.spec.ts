import type { ChannelOrderLine } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { checkQuantitiesAndPrices } from './quantity-price.rule';

function withLine(index: number, overrides: Partial<ChannelOrderLine>) {
  const order = sampleChannelOrder();
  return { ...order, lines: order.lines.map((l, i) => (i === index ? { ...l, ...overrides } : l)) };
}

describe('checkQuantitiesAndPrices', () => {
  it('accepts the sample order', () => {
    expect(checkQuantitiesAndPrices(sampleChannelOrder())).toEqual([]);
  });

  it.each([0, -1, 1.5])('rejects quantity %p (QUANTITY_INVALID)', (quantity) => {
    expect(checkQuantitiesAndPrices(withLine(1, { quantity }))).toEqual([
      expect.objectContaining({
        reasonCode: 'QUANTITY_INVALID',
        field: 'lines[1].quantity',
        lineId: '2',
        disposition: 'REJECTED',
      }),
    ]);
  });

  it('rejects a negative price (PRICE_INVALID)', () => {
    expect(checkQuantitiesAndPrices(withLine(0, { unitPriceMinor: -1 }))).toEqual([
      expect.objectContaining({ reasonCode: 'PRICE_INVALID', field: 'lines[0].unitPriceMinor', lineId: '1' }),
    ]);
  });

  it('accepts a free line (price 0)', () => {
    expect(checkQuantitiesAndPrices(withLine(2, { unitPriceMinor: 0, lineSubtotalMinor: 0 }))).toEqual([]);
  });

  it('rejects a subtotal that is not quantity × unit price (AMOUNTS_INCONSISTENT)', () => {
    expect(checkQuantitiesAndPrices(withLine(0, { lineSubtotalMinor: 4_000 }))).toEqual([
      expect.objectContaining({ reasonCode: 'AMOUNTS_INCONSISTENT', field: 'lines[0].lineSubtotalMinor' }),
    ]);
  });

  it('tolerates unit prices rounded to the minor unit (400 screws at $0.0125 = $5.00, shown as 1 cent each)', () => {
    expect(checkQuantitiesAndPrices(withLine(0, { quantity: 400, unitPriceMinor: 1, lineSubtotalMinor: 500 }))).toEqual([]);
  });

  it('rejects a discount larger than the line (AMOUNTS_INCONSISTENT)', () => {
    expect(checkQuantitiesAndPrices(withLine(2, { discountMinor: 9_999 }))[0]).toMatchObject({
      reasonCode: 'AMOUNTS_INCONSISTENT',
      field: 'lines[2].discountMinor',
    });
  });

  it('rejects an order without lines (ORDER_HAS_NO_LINES)', () => {
    expect(checkQuantitiesAndPrices(sampleChannelOrder({ lines: [] }))).toEqual([
      expect.objectContaining({ reasonCode: 'ORDER_HAS_NO_LINES', field: 'lines', disposition: 'REJECTED' }),
    ]);
  });
});
