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
});
