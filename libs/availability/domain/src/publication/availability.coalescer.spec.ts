import { AvailabilityCoalescer, type Publication } from './availability.coalescer';
import { ManualScheduler } from './scheduler.port';

function setup(windowMs = 250) {
  const scheduler = new ManualScheduler(1_000);
  const published: Publication<string>[] = [];
  const coalescer = new AvailabilityCoalescer<string>({
    windowMs,
    scheduler,
    publish: (p) => published.push(p),
  });
  return { scheduler, published, coalescer };
}

describe('AvailabilityCoalescer', () => {
  it('publishes the first change at once, without waiting for the window', () => {
    const { coalescer, published } = setup();
    coalescer.offer('shop', 'SKU-1', 7, 'v7');
    expect(published).toEqual([
      {
        channelAccountId: 'shop',
        sku: 'SKU-1',
        figure: 7,
        value: 'v7',
        firstOfferedAt: 1_000,
      },
    ]);
  });

  it('does not publish an unchanged figure', () => {
    const { coalescer, published, scheduler } = setup();
    coalescer.offer('shop', 'SKU-1', 7, 'a');
    scheduler.advanceBy(1_000);
    coalescer.offer('shop', 'SKU-1', 7, 'b');
    scheduler.advanceBy(1_000);
    expect(published).toHaveLength(1);
  });

  it('coalesces 1,000 updates of one SKU within a second into a handful, the last carrying the final value', () => {
    const { coalescer, published, scheduler } = setup(250);
    const publishedAt: number[] = [];
    const timed = new AvailabilityCoalescer<string>({
      windowMs: 250,
      scheduler,
      publish: (p) => {
        published.push(p);
        publishedAt.push(scheduler.now());
      },
    });
    for (let i = 0; i < 1_000; i++) {
      timed.offer('amazon', 'HOT', 1_000 - i, `v${1_000 - i}`);
      scheduler.advanceBy(1);
    }
    scheduler.advanceBy(250);
    expect(published.length).toBeLessThanOrEqual(5);
    expect(published.length).toBeGreaterThanOrEqual(2);
    expect(published.at(-1)).toMatchObject({
      figure: 1,
      value: 'v1',
    });
    expect(coalescer.openWindows()).toBe(0);
    expect(timed.openWindows()).toBe(0);
    publishedAt.slice(1).forEach((at, i) => expect(at - (publishedAt[i] ?? 0)).toBeGreaterThanOrEqual(250));
  });

  it('keeps keys independent: a hot SKU does not delay another SKU or channel', () => {
    const { coalescer, published } = setup();
    coalescer.offer('shop', 'HOT', 5, 'a');
    coalescer.offer('shop', 'HOT', 4, 'b');
    coalescer.offer('shop', 'COLD', 9, 'c');
    coalescer.offer('amazon', 'HOT', 3, 'd');
    expect(published.map((p) => `${p.channelAccountId}/${p.sku}=${p.figure}`)).toEqual(['shop/HOT=5', 'shop/COLD=9', 'amazon/HOT=3']);
  });

  it('drops a burst that ends where it started', () => {
    const { coalescer, published, scheduler } = setup();
    coalescer.offer('shop', 'SKU-1', 5, 'a');
    coalescer.offer('shop', 'SKU-1', 4, 'b');
    coalescer.offer('shop', 'SKU-1', 5, 'c');
    scheduler.advanceBy(250);
    expect(published.map((p) => p.figure)).toEqual([5]);
    expect(scheduler.pendingTimers()).toBe(0);
  });

  it('reports when the first merged change was offered, for the publication delay metric', () => {
    const { coalescer, published, scheduler } = setup();
    coalescer.offer('shop', 'SKU-1', 5, 'a');
    scheduler.advanceBy(100);
    coalescer.offer('shop', 'SKU-1', 4, 'b');
    scheduler.advanceBy(50);
    coalescer.offer('shop', 'SKU-1', 3, 'c');
    scheduler.advanceBy(100);
    expect(published[1]).toMatchObject({
      figure: 3,
      firstOfferedAt: 1_100,
    });
  });

  it('does not republish a figure seeded from the availability topic', () => {
    const { coalescer, published } = setup();
    coalescer.seedPublished('shop', 'SKU-1', 12);
    coalescer.offer('shop', 'SKU-1', 12, 'same');
    coalescer.offer('shop', 'SKU-2', 12, 'other');
    expect(published.map((p) => p.sku)).toEqual(['SKU-2']);
  });

  it('flushes pending figures on shutdown', () => {
    const { coalescer, published, scheduler } = setup();
    coalescer.offer('shop', 'SKU-1', 5, 'a');
    coalescer.offer('shop', 'SKU-1', 2, 'b');
    coalescer.flush();
    expect(published.map((p) => p.figure)).toEqual([5, 2]);
    expect(scheduler.pendingTimers()).toBe(0);
  });

  it('closes many staggered windows in the order they opened, on one timer, each publishing its last change once', () => {
    const { coalescer, published, scheduler } = setup(250);
    // 3,000 keys over two accounts, a new one every 0.1 ms; each changes again inside its window.
    for (let i = 0; i < 3_000; i++) {
      if (i % 10 === 0) scheduler.advanceBy(1);
      const account = i % 2 === 0 ? 'shop' : 'edi';
      coalescer.offer(account, `SKU-${i}`, 1, 'first');
      coalescer.offer(account, `SKU-${i}`, 2, 'second');
      expect(scheduler.pendingTimers()).toBeLessThanOrEqual(1);
    }
    expect(coalescer.openWindows()).toBe(3_000);
    scheduler.advanceBy(1_000);
    const trailing = published.filter((p) => p.value === 'second');
    expect(trailing.map((p) => p.sku)).toEqual(Array.from({ length: 3_000 }, (_, i) => `SKU-${i}`));
    expect(trailing.every((p) => p.figure === 2)).toBe(true);
    // The trailing publications re-opened windows; with nothing new they close without publishing.
    scheduler.advanceBy(1_000);
    expect(published).toHaveLength(6_000);
    expect(coalescer.openWindows()).toBe(0);
    expect(scheduler.pendingTimers()).toBe(0);
  });
});
