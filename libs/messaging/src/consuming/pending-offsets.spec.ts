import { PendingOffsets } from './pending-offsets';

describe('PendingOffsets', () => {
  let clock = 0;
  const pendingWith = (everyMessages = 500, intervalMs = 1_000): PendingOffsets => new PendingOffsets({ everyMessages, intervalMs }, () => clock);

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('is not due with nothing handled, however long it waits', () => {
    const pending = pendingWith();
    clock += 60_000;
    expect(pending.due()).toBe(false);
    expect(pending.take().offsets).toEqual([]);
  });

  it('is due after the interval, or as soon as enough messages were handled', () => {
    const byTime = pendingWith(500, 1_000);
    byTime.handled('t', 0, '9', 10);
    clock += 999;
    expect(byTime.due()).toBe(false);
    clock += 1;
    expect(byTime.due()).toBe(true);

    const byCount = pendingWith(500, 1_000);
    byCount.handled('t', 0, '299', 300);
    expect(byCount.due()).toBe(false);
    byCount.handled('t', 1, '199', 200);
    expect(byCount.due()).toBe(true);
  });

  it('commits the next offset to read, the highest handled per partition, with offsets beyond 2^53 exact', () => {
    const pending = pendingWith();
    pending.handled('orders', 0, '41', 1);
    pending.handled('orders', 0, '44', 3);
    pending.handled('orders', 1, '9007199254740993', 1);
    pending.handled('items', 0, '7', 1);
    expect(pending.take().offsets).toEqual([
      { topic: 'orders', partition: 0, offset: '45' },
      { topic: 'orders', partition: 1, offset: '9007199254740994' },
      { topic: 'items', partition: 0, offset: '8' },
    ]);
    expect(pending.isEmpty()).toBe(true);
  });

  it('starts counting again after a take', () => {
    const pending = pendingWith(100, 1_000);
    pending.handled('t', 0, '99', 100);
    pending.take();
    pending.handled('t', 0, '100', 1);
    expect(pending.due()).toBe(false);
    clock += 1_000;
    expect(pending.due()).toBe(true);
  });

  it('puts a failed commit back, without going behind what was handled since', () => {
    const pending = pendingWith();
    pending.handled('t', 0, '9', 10);
    pending.handled('t', 1, '19', 20);
    const failed = pending.take();
    pending.handled('t', 1, '29', 10);
    pending.restore(failed);
    expect(pending.take().offsets).toEqual([
      { topic: 't', partition: 1, offset: '30' },
      { topic: 't', partition: 0, offset: '10' },
    ]);
  });

  it('drops everything pending when the consumer rejoins the group, partitions it keeps included', () => {
    const pending = pendingWith();
    pending.handled('a', 0, '1', 1);
    pending.handled('a', 1, '1', 1);
    pending.rejoined();
    expect(pending.isEmpty()).toBe(true);
    expect(pending.due()).toBe(false);
  });

  it('never puts back a commit taken before the consumer rejoined', () => {
    // Rejoined in between, the commit would carry the new membership and could move the offset
    // back behind what the partition's interim owner committed.
    const pending = pendingWith();
    pending.handled('orders', 7, '81', 1);
    const failed = pending.take();
    pending.rejoined();
    pending.restore(failed);
    expect(pending.isEmpty()).toBe(true);
  });

  it('ignores what a batch fetched before the rejoin hands back after it', () => {
    const pending = pendingWith();
    const fetchedUnder = pending.membership;
    pending.rejoined();
    pending.handled('orders', 7, '81', 1, fetchedUnder);
    expect(pending.isEmpty()).toBe(true);
    pending.handled('orders', 7, '89', 9, pending.membership);
    expect(pending.take()).toEqual({ offsets: [{ topic: 'orders', partition: 7, offset: '90' }], membership: fetchedUnder + 1 });
  });
});
