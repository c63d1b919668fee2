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
  /** What identifies the figure's content (`figureFingerprint`): equal numbers, nothing to publish. */
  readonly figure: number;
  /** The record to publish (e.g. ChannelAvailability), as offered last. */
  readonly value: T;
  /** When the first change now being published was offered: publication delay = publish time − this. */
  readonly firstOfferedAt: number;
}

interface Pending<T> {
  readonly figure: number;
  readonly value: T;
  readonly firstOfferedAt: number;
}

/**
 * Publishes a channel account's figure for a SKU only when it changes (its `figure` number: the
 * sellable quantity, or a fingerprint of everything the record says), at most once per
 * window per key. The first change after a quiet period goes out at once (leading edge), so a
 * normal update is not delayed by the window; changes arriving during the window are merged and
 * the latest goes out when it closes (trailing edge), so the last publication always carries the
 * final value. A figure that returns to the published one before the window closes is dropped:
 * the channel already shows it.
 *
 * Every window lasts the same time, so they close in the order they opened: a FIFO of (account,
 * SKU, closing time) in three arrays and one timer for its head. Under load thousands of windows
 * open a second; an object, a closure and a timer entry each lived just long enough to be promoted
 * to the old generation, and their garbage collection was the publication delay's tail.
 *
 * Memory: every (account, SKU) ever published keeps only its last number (a million SKU-accounts
 * is a million map entries of one number); the window state exists only while a window is open.
 */
export class AvailabilityCoalescer<T> {
  // Per channel account, then per SKU: no "account + SKU" string built and hashed for every offer.
  private readonly published = new Map<string, Map<string, number>>();
  /** Open windows: the change waiting for the window to close, or null when none arrived yet. */
  private readonly windows = new Map<string, Map<string, Pending<T> | null>>();
  private readonly closingAccount: string[] = [];
  private readonly closingSku: string[] = [];
  private readonly closingAt: number[] = [];
  private head = 0;
  private timer: TimerHandle | undefined;
  private closing = false;

  constructor(private readonly options: CoalescerOptions<T>) {}

  /** Seeds the last published figure (e.g. read back from the compacted availability topic). */
  seedPublished(channelAccountId: string, sku: string, figure: number): void {
    inner(this.published, channelAccountId).set(sku, figure);
  }

  offer(channelAccountId: string, sku: string, figure: number, value: T): void {
    const now = this.options.scheduler.now();
    const bySku = this.windows.get(channelAccountId);
    const pending = bySku?.get(sku);
    if (bySku && pending !== undefined) {
      bySku.set(sku, { figure, value, firstOfferedAt: pending?.firstOfferedAt ?? now });
      return;
    }
    if (figure === this.published.get(channelAccountId)?.get(sku)) return;
    this.emit(channelAccountId, sku, { figure, value, firstOfferedAt: now });
  }

  /** Publishes everything pending now (graceful shutdown) and closes the windows. */
  flush(): void {
    if (this.timer) this.options.scheduler.cancel(this.timer);
    this.timer = undefined;
    this.closingAccount.length = 0;
    this.closingSku.length = 0;
    this.closingAt.length = 0;
    this.head = 0;
    const windows = [...this.windows];
    this.windows.clear();
    for (const [channelAccountId, bySku] of windows) {
      const published = inner(this.published, channelAccountId);
      for (const [sku, pending] of bySku) {
        if (pending && pending.figure !== published.get(sku)) {
          published.set(sku, pending.figure);
          this.options.publish({ channelAccountId, sku, ...pending });
        }
      }
    }
  }

  /** Keys with a window open: a gauge for how hot the current burst is. */
  openWindows(): number {
    let open = 0;
    for (const bySku of this.windows.values()) open += bySku.size;
    return open;
  }

  private emit(channelAccountId: string, sku: string, publication: Pending<T>): void {
    inner(this.published, channelAccountId).set(sku, publication.figure);
    this.options.publish({ channelAccountId, sku, ...publication });
    inner(this.windows, channelAccountId).set(sku, null);
    this.closingAccount.push(channelAccountId);
    this.closingSku.push(sku);
    this.closingAt.push(this.options.scheduler.now() + this.options.windowMs);
    // While closing, the loop's end arms the timer for whatever is then first.
    if (!this.timer && !this.closing) this.timer = this.options.scheduler.schedule(this.options.windowMs, () => this.closeDue());
  }

  private closeDue(): void {
    this.timer = undefined;
    const now = this.options.scheduler.now();
    this.closing = true;
    // Windows re-opened below are appended behind `now`, so the loop ends before reaching them.
    while (this.head < this.closingAt.length && (this.closingAt[this.head] ?? 0) <= now) {
      const channelAccountId = this.closingAccount[this.head] as string;
      const sku = this.closingSku[this.head] as string;
      this.head++;
      this.closeWindow(channelAccountId, sku);
    }
    this.closing = false;
    this.compact();
    const next = this.closingAt[this.head];
    if (next !== undefined) this.timer = this.options.scheduler.schedule(Math.max(0, next - now), () => this.closeDue());
  }

  private closeWindow(channelAccountId: string, sku: string): void {
    const bySku = this.windows.get(channelAccountId);
    const pending = bySku?.get(sku);
    bySku?.delete(sku);
    // Publishing re-opens the window, so a sustained burst yields one record per window.
    if (pending && pending.figure !== this.published.get(channelAccountId)?.get(sku)) this.emit(channelAccountId, sku, pending);
  }

  // Drops the closed prefix once it is most of the arrays, so they stay about as long as the open windows.
  private compact(): void {
    if (this.head < 1_024 || this.head * 2 < this.closingAt.length) return;
    this.closingAccount.splice(0, this.head);
    this.closingSku.splice(0, this.head);
    this.closingAt.splice(0, this.head);
    this.head = 0;
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
