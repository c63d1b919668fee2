/**
 * A background loop that sleeps between rounds and can be woken early: after a commit that queued
 * work, the loop runs at once instead of at its next poll, which is what keeps latency low while
 * the poll still picks up rows left by a crash or another instance.
 */
export abstract class Wakeable {
  protected stopping = false;
  private wakeUp: (() => void) | undefined;
  private pendingWake = false;

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pendingWake = true;
  }

  protected stop(): void {
    this.stopping = true;
    this.wake();
  }

  protected sleep(ms: number): Promise<void> {
    if (this.pendingWake || this.stopping) {
      this.pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.wakeUp = done;
    });
  }
}
