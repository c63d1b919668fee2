import type { Scheduler, TimerHandle } from './scheduler.port';

export interface CoalescerOptions<T> {
  /** Quiet time after a publication during which further changes of the key are merged. */
  readonly windowMs: number;
  readonly scheduler: Scheduler;
  readonly publish: (publication: Publication<T>) => void;
}

export interface Publication<T> {
  readonly channelAccountId: string;
  readonly sku: string;
  readonly sellableQuantity: number;
  /** The record to publish (e.g. ChannelAvailability), as offered last. */
  readonly value: T;
  /** When the first change now being published was offered: publication delay = publish time − this. */
  readonly firstOfferedAt: number;
}

interface Pending<T> {
  readonly sellableQuantity: number;
  readonly value: T;
  readonly firstOfferedAt: number;
}

interface OpenWindow<T> {
  pending: Pending<T> | null;
  readonly timer: TimerHandle;
}

/**
 * Publishes a channel account's figure for a SKU only when the number changes, at most once per
 * window per key. The first change after a quiet period goes out at once (leading edge), so a
 * normal update is not delayed by the window; changes arriving during the window are merged and
 * the latest goes out when it closes (trailing edge), so the last publication always carries the
 * final value. A figure that returns to the published one before the window closes is dropped:
 * the channel already shows it.
 *
 * Memory: every (account, SKU) ever published keeps only its last number (a million SKU-accounts
 * is a million map entries of a small integer); the window state exists only while a window is open.
 */
export class AvailabilityCoalescer<T> {
  // Per channel account, then per SKU: no "account + SKU" string built and hashed for every offer.
  private readonly published = new Map<string, Map<string, number>>();
  private readonly windows = new Map<string, Map<string, OpenWindow<T>>>();

  constructor(private readonly options: CoalescerOptions<T>) {}

  /** Seeds the last published figure (e.g. read back from the compacted availability topic). */
  seedPublished(channelAccountId: string, sku: string, sellableQuantity: number): void {
    inner(this.published, channelAccountId).set(sku, sellableQuantity);
  }

  offer(channelAccountId: string, sku: string, sellableQuantity: number, value: T): void {
    const now = this.options.scheduler.now();
    const window = this.windows.get(channelAccountId)?.get(sku);
    if (window) {
      window.pending = { sellableQuantity, value, firstOfferedAt: window.pending?.firstOfferedAt ?? now };
      return;
    }
    if (sellableQuantity === this.published.get(channelAccountId)?.get(sku)) return;
    this.emit(channelAccountId, sku, { sellableQuantity, value, firstOfferedAt: now });
  }

  /** Publishes everything pending now (graceful shutdown) and cancels the windows. */
  flush(): void {
    for (const [channelAccountId, bySku] of this.windows) {
      for (const [sku, window] of bySku) {
        this.options.scheduler.cancel(window.timer);
        const pending = window.pending;
        const published = inner(this.published, channelAccountId);
        if (pending && pending.sellableQuantity !== published.get(sku)) {
          published.set(sku, pending.sellableQuantity);
          this.options.publish({ channelAccountId, sku, ...pending });
        }
      }
    }
    this.windows.clear();
  }

  /** Keys with a window open: a gauge for how hot the current burst is. */
  openWindows(): number {
    let open = 0;
    for (const bySku of this.windows.values()) open += bySku.size;
    return open;
  }

  private emit(channelAccountId: string, sku: string, publication: Pending<T>): void {
    inner(this.published, channelAccountId).set(sku, publication.sellableQuantity);
    this.options.publish({ channelAccountId, sku, ...publication });
    const timer = this.options.scheduler.schedule(this.options.windowMs, () => this.closeWindow(channelAccountId, sku));
    inner(this.windows, channelAccountId).set(sku, { pending: null, timer });
  }

  private closeWindow(channelAccountId: string, sku: string): void {
    const bySku = this.windows.get(channelAccountId);
    const pending = bySku?.get(sku)?.pending;
    bySku?.delete(sku);
    // Publishing re-opens the window, so a sustained burst yields one record per window.
    if (pending && pending.sellableQuantity !== this.published.get(channelAccountId)?.get(sku)) this.emit(channelAccountId, sku, pending);
  }
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}
