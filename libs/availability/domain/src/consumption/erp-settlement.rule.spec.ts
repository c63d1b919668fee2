import { HOUR, NOW } from '../test-support/availability.fixtures';
import { unitsAwaitingErp } from './erp-settlement.rule';

const T = NOW;

describe('unitsAwaitingErp', () => {
  it('keeps shipped units the ERP has not posted subtracted, whatever the position says', () => {
    expect(unitsAwaitingErp({ consumedQuantity: 3, shippedQuantity: 3, postings: [] }, T + HOUR)).toBe(3);
  });

  it('keeps posted units subtracted while the ERP position predates the posting', () => {
    const line = { consumedQuantity: 3, shippedQuantity: 3, postings: [{ quantity: 3, postedAt: T }] };
    expect(unitsAwaitingErp(line, T - 1)).toBe(3);
    expect(unitsAwaitingErp(line, undefined)).toBe(3);
  });

  it('stops subtracting once the position is as of the posting or later (on-hand already went down)', () => {
    const line = { consumedQuantity: 3, shippedQuantity: 3, postings: [{ quantity: 3, postedAt: T }] };
    expect(unitsAwaitingErp(line, T)).toBe(0);
    expect(unitsAwaitingErp(line, T + HOUR)).toBe(0);
  });

  it('releases per posting: a later package stays awaiting', () => {
    const line = {
      consumedQuantity: 3,
      shippedQuantity: 3,
      postings: [
        { quantity: 1, postedAt: T },
        { quantity: 2, postedAt: T + HOUR },
      ],
    };
    expect(unitsAwaitingErp(line, T)).toBe(2);
    expect(unitsAwaitingErp(line, T + HOUR)).toBe(0);
  });

  it('takes reflected postings off the unreserved shipped units first', () => {
    // Reserved 2, shipped 3: the one reflected unit may be the unreserved one.
    expect(unitsAwaitingErp({ consumedQuantity: 2, shippedQuantity: 3, postings: [{ quantity: 1, postedAt: T }] }, T)).toBe(2);
    expect(unitsAwaitingErp({ consumedQuantity: 2, shippedQuantity: 3, postings: [{ quantity: 2, postedAt: T }] }, T)).toBe(1);
  });

  it('subtracts nothing for a line that consumed nothing', () => {
    expect(unitsAwaitingErp({ consumedQuantity: 0, shippedQuantity: 3, postings: [] }, T)).toBe(0);
  });
});
