import { Wakeable } from './wakeable.loop';

/** A loop whose sleeps the test drives; `ms` is what each sleep resolved after. */
class Loop extends Wakeable {
  constructor(coalesceMs: number) {
    super(coalesceMs);
  }
  nap(ms: number) {
    const started = Date.now();
    return this.sleep(ms).then((how) => ({ how, ms: Date.now() - started }));
  }
  halt(): void {
    this.stop();
  }
}

describe('Wakeable', () => {
  it('sleeps out its poll interval when nothing wakes it', async () => {
    const { how, ms } = await new Loop(0).nap(30);
    expect(how).toBe('elapsed');
    expect(ms).toBeGreaterThanOrEqual(25);
  });

  it('is woken early, after gathering the wake-ups of the next few milliseconds', async () => {
    const loop = new Loop(20);
    const sleeping = loop.nap(5_000);
    loop.wake();
    const { how, ms } = await sleeping;
    expect(how).toBe('woken');
    expect(ms).toBeGreaterThanOrEqual(15);
    expect(ms).toBeLessThan(1_000);
  });

  it('remembers a wake-up that came while it was busy, so the next sleep returns at once', async () => {
    const loop = new Loop(0);
    loop.wake();
    const { how, ms } = await loop.nap(5_000);
    expect(how).toBe('woken');
    expect(ms).toBeLessThan(1_000);
    // Used up: the sleep after it waits again.
    expect((await loop.nap(20)).how).toBe('elapsed');
  });

  it('stops: a sleeping loop returns at once, and so does every later sleep', async () => {
    const loop = new Loop(0);
    const sleeping = loop.nap(5_000);
    loop.halt();
    expect((await sleeping).how).toBe('woken');
    expect((await loop.nap(5_000)).ms).toBeLessThan(1_000);
  });
});
