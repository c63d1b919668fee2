import type { Scheduler, TimerHandle } from '@crossdock/availability/domain';

/** The domain's Scheduler port on real time; timers are unref'd so a window never holds the process open. */
export class TimerScheduler implements Scheduler {
  private nextId = 1;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      this.timers.delete(id);
      callback();
    }, delayMs);
    timer.unref();
    this.timers.set(id, timer);
    return { id };
  }

  cancel(handle: TimerHandle): void {
    clearTimeout(this.timers.get(handle.id));
    this.timers.delete(handle.id);
  }
}
