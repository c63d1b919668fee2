import { TimerScheduler } from './timer.scheduler';

describe('TimerScheduler', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000 }));
  afterEach(() => jest.useRealTimers());

  it('runs a scheduled callback after its delay, unless cancelled', () => {
    const scheduler = new TimerScheduler();
    const ran: string[] = [];
    scheduler.schedule(100, () => ran.push('kept'));
    const cancelled = scheduler.schedule(100, () => ran.push('cancelled'));
    scheduler.cancel(cancelled);
    jest.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(ran).toEqual(['kept']);
    expect(scheduler.now()).toBe(1_100);
  });

  it('keeps thousands of windows behind a single Node timer and runs them in due order', () => {
    const scheduler = new TimerScheduler();
    const ran: number[] = [];
    for (let i = 0; i < 5_000; i++) scheduler.schedule(250 + (i % 7) * 10, () => ran.push(i));
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(250);
    expect(ran).toHaveLength(715);
    expect(ran.every((i) => i % 7 === 0)).toBe(true);
    jest.advanceTimersByTime(60);
    expect(ran).toHaveLength(5_000);
    // Same due time: scheduling order; otherwise due order.
    const dueAt = ran.map((i) => 250 + (i % 7) * 10);
    expect(dueAt).toEqual([...dueAt].sort((a, b) => a - b));
    expect(ran.filter((i) => i % 7 === 3)).toEqual([...ran.filter((i) => i % 7 === 3)].sort((a, b) => a - b));
    expect(scheduler.pending()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('re-arms for an earlier callback and after the earliest one is cancelled', () => {
    const scheduler = new TimerScheduler();
    const ran: string[] = [];
    scheduler.schedule(500, () => ran.push('late'));
    const early = scheduler.schedule(100, () => ran.push('early'));
    scheduler.schedule(300, () => ran.push('middle'));
    scheduler.cancel(early);
    jest.advanceTimersByTime(299);
    expect(ran).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(ran).toEqual(['middle']);
    jest.advanceTimersByTime(200);
    expect(ran).toEqual(['middle', 'late']);
  });

  it('runs a callback scheduled from inside another one at its own time', () => {
    const scheduler = new TimerScheduler();
    const ran: number[] = [];
    scheduler.schedule(100, () => {
      ran.push(scheduler.now());
      scheduler.schedule(100, () => ran.push(scheduler.now()));
    });
    jest.advanceTimersByTime(250);
    expect(ran).toEqual([1_100, 1_200]);
  });

  it('drops every timer once nothing is pending', () => {
    const scheduler = new TimerScheduler();
    const a = scheduler.schedule(100, () => undefined);
    const b = scheduler.schedule(200, () => undefined);
    scheduler.cancel(a);
    scheduler.cancel(b);
    expect(jest.getTimerCount()).toBe(0);
    expect(scheduler.pending()).toBe(0);
  });
});
