import { sampleChannelOrder } from '@crossdock/testing';
import { checkOrderTotals } from './order-totals.rule';

describe('checkOrderTotals', () => {
  const order = sampleChannelOrder();

  it('accepts totals that add up', () => {
    expect(checkOrderTotals(order)).toEqual([]);
  });

  it('rejects a subtotal that is not the sum of the lines (AMOUNTS_INCONSISTENT)', () => {
    const issues = checkOrderTotals({
      ...order,
      totals: {
        ...order.totals,
        subtotalMinor: order.totals.subtotalMinor + 1,
        totalMinor: order.totals.totalMinor + 1,
      },
    });
    expect(issues).toEqual([
      expect.objectContaining({
        reasonCode: 'AMOUNTS_INCONSISTENT',
        field: 'totals.subtotalMinor',
        disposition: 'REJECTED',
      }),
    ]);
  });

  it('rejects a grand total that does not add up (AMOUNTS_INCONSISTENT)', () => {
    const issues = checkOrderTotals({
      ...order,
      totals: { ...order.totals, totalMinor: order.totals.totalMinor - 995 },
    });
    expect(issues).toEqual([expect.objectContaining({ reasonCode: 'AMOUNTS_INCONSISTENT', field: 'totals.totalMinor' })]);
  });

  it('does not add tax again when prices include it', () => {
    const inclusive = {
      ...order,
      pricesIncludeTax: true,
      totals: { ...order.totals, totalMinor: order.totals.totalMinor - order.totals.taxMinor },
    };
    expect(checkOrderTotals(inclusive)).toEqual([]);
  });
});
