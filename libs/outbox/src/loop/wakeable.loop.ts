/**
 * A background loop that sleeps between rounds and can be woken early: after a commit that queued
 * work, the loop runs soon instead of at its next poll, which is what keeps latency low while the
 * poll still picks up rows left by a crash or another instance.
 *
 * Wake-ups within `coalesceMs` of the first one share a round. Under load every committed order
 * wakes the loop; a round per wake-up would cost its fixed queries per order instead of per batch.
 */
export abstract class Wakeable {
  protected stopping = false;
  private wakeUp: (() => void) | undefined;
  private pending = false;

  constructor(private readonly coalesceMs = 5) {}

  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pending = true;
  }

  protected stop(): void {
    this.stopping = true;
    this.wake();
  }

  /** Resolves 'woken' when woken before `ms` passed, 'elapsed' when the poll interval ran out. */
  protected sleep(ms: number): Promise<'woken' | 'elapsed'> {
    if (this.stopping) return Promise.resolve('woken');
    if (this.pending) {
      this.pending = false;
      return this.gathered();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => {
          this.wakeUp = undefined;
          resolve('elapsed');
        },
        Math.max(0, ms),
      );
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        void this.gathered().then(resolve);
      };
    });
  }

  /** Lets the wake-ups of the next few milliseconds join the round about to run. */
  private gathered(): Promise<'woken'> {
    if (this.coalesceMs <= 0 || this.stopping) return Promise.resolve('woken');
    return new Promise((resolve) => setTimeout(() => resolve('woken'), this.coalesceMs));
  }
}
