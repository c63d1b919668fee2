import type { ChannelOrder } from '@crossdock/contracts';
import type { AdapterOutcome } from '../core/adapter';
import { dropFileVerdict } from './drop-folder.rules';

const order = (id: string) => ({ kind: 'ORDER', order: { orderId: id } as ChannelOrder }) as const;
const rejected: AdapterOutcome = {
  kind: 'REJECTED',
  rejection: { code: 'AMOUNT_INVALID', field: 'PO104@21', message: 'bad price', channelOrderId: '4500127733' },
};

describe('dropFileVerdict', () => {
  it('is PROCESSED when every set became an order', () => {
    const verdict = dropFileVerdict([order('a'), order('b')]);
    expect(verdict).toMatchObject({ disposition: 'PROCESSED', rejections: [], skipped: 0 });
    expect(verdict.orders.map((o) => o.orderId)).toEqual(['a', 'b']);
  });

  it('is REJECTED when nothing can be published', () => {
    expect(dropFileVerdict([rejected]).disposition).toBe('REJECTED');
    expect(dropFileVerdict([]).disposition).toBe('REJECTED');
  });

  it('is PARTIALLY_REJECTED when some sets were accepted and some refused, keeping both lists', () => {
    const verdict = dropFileVerdict([order('a'), rejected]);
    expect(verdict.disposition).toBe('PARTIALLY_REJECTED');
    expect(verdict.orders).toHaveLength(1);
    expect(verdict.rejections).toEqual([expect.objectContaining({ code: 'AMOUNT_INVALID', field: 'PO104@21' })]);
  });

  it('counts skipped documents as handled, not as failures', () => {
    expect(dropFileVerdict([{ kind: 'SKIPPED', channelOrderId: 'x', reason: 'pending' }]).disposition).toBe('PROCESSED');
  });
});
