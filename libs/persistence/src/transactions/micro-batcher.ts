interface Pending<I, R> {
  readonly item: I;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Collects items submitted while a flush is running and hands them to the next flush together, so
 * many concurrent small writers (one per in-flight ERP call, say) share one transaction instead of
 * paying for one each. Each caller still succeeds or fails on its own: when a flush of several
 * items fails, each item is flushed again alone and only the one at fault sees the error. A flush
 * must therefore be all or nothing (one transaction) and safe to run again after a rollback.
 */
export class MicroBatcher<I, R> {
  private queue: Array<Pending<I, R>> = [];
  private flushing = false;

  /** `flush(items)` returns one result per item, in order. */
  constructor(
    private readonly flushItems: (items: readonly I[]) => Promise<readonly R[]>,
    private readonly maxItems = 200,
  ) {}

  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        // Let items submitted in the same tick join this flush.
        await new Promise((resolve) => setImmediate(resolve));
        await this.flush(this.queue.splice(0, this.maxItems));
      }
    } finally {
      this.flushing = false;
    }
  }

  private async flush(group: Array<Pending<I, R>>): Promise<void> {
    if (group.length > 1) {
      try {
        const results = await this.flushItems(group.map((p) => p.item));
        group.forEach((p, i) => p.resolve(results[i] as R));
        return;
      } catch {
        // Which item failed is unknown (the transaction is gone): each on its own below.
      }
    }
    for (const pending of group) {
      try {
        const [result] = await this.flushItems([pending.item]);
        pending.resolve(result as R);
      } catch (error) {
        pending.reject(error);
      }
    }
  }
}
