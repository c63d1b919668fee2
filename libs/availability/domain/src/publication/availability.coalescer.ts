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

interface KeyState<T> {
  published: number | null;
  pending: {
    sellableQuantity: number;
    value: T;
    firstOfferedAt: number;
  } | null;
  timer: TimerHandle | null;
}

/**
 * Publishes a channel account's figure for a SKU only when the number changes, at most once per
 * window per key. The first change after a quiet period goes out at once (leading edge), so a
 * normal update is not delayed by the window; changes arriving during the window are merged and
 * the latest goes out when it closes (trailing edge), so the last publication always carries the
 * final value. A figure that returns to the published one before the window closes is dropped:
 * the channel already shows it.
 */
export class AvailabilityCoalescer<T> {
  private readonly states = new Map<string, KeyState<T>>();

  constructor(private readonly options: CoalescerOptions<T>) {}

  /** Seeds the last published figure (e.g. read back from the compacted availability topic). */
  seedPublished(channelAccountId: string, sku: string, sellableQuantity: number): void {
    this.state(channelAccountId, sku).published = sellableQuantity;
  }

  offer(channelAccountId: string, sku: string, sellableQuantity: number, value: T): void {
    const state = this.state(channelAccountId, sku);
    const now = this.options.scheduler.now();
    if (state.timer) {
      state.pending = {
        sellableQuantity,
        value,
        firstOfferedAt: state.pending?.firstOfferedAt ?? now,
      };
      return;
    }
    if (sellableQuantity === state.published) return;
    this.emit(channelAccountId, sku, state, {
      sellableQuantity,
      value,
      firstOfferedAt: now,
    });
  }

  /** Publishes everything pending now (graceful shutdown) and cancels the windows. */
  flush(): void {
    for (const [key, state] of this.states) {
      if (state.timer) this.options.scheduler.cancel(state.timer);
      state.timer = null;
      const [channelAccountId, sku] = splitKey(key);
      const pending = state.pending;
      state.pending = null;
      if (pending && pending.sellableQuantity !== state.published) {
        state.published = pending.sellableQuantity;
        this.options.publish({ channelAccountId, sku, ...pending });
      }
    }
  }

  /** Keys with a window open: a gauge for how hot the current burst is. */
  openWindows(): number {
    let open = 0;
    for (const state of this.states.values()) if (state.timer) open++;
    return open;
  }

  private emit(
    channelAccountId: string,
    sku: string,
    state: KeyState<T>,
    publication: { sellableQuantity: number; value: T; firstOfferedAt: number },
  ): void {
    state.published = publication.sellableQuantity;
    state.pending = null;
    this.options.publish({ channelAccountId, sku, ...publication });
    state.timer = this.options.scheduler.schedule(this.options.windowMs, () =>
      this.closeWindow(channelAccountId, sku, state),
    );
  }

  private closeWindow(channelAccountId: string, sku: string, state: KeyState<T>): void {
    state.timer = null;
    const pending = state.pending;
    state.pending = null;
    // Publishing re-opens the window, so a sustained burst yields one record per window.
    if (pending && pending.sellableQuantity !== state.published) this.emit(channelAccountId, sku, state, pending);
  }

  private state(channelAccountId: string, sku: string): KeyState<T> {
    const key = joinKey(channelAccountId, sku);
    let state = this.states.get(key);
    if (!state) {
      state = { published: null, pending: null, timer: null };
      this.states.set(key, state);
    }
    return state;
  }
}

function joinKey(channelAccountId: string, sku: string): string {
  return `${channelAccountId}\u0000${sku}`;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf('\u0000');
  return [key.slice(0, at), key.slice(at + 1)];
}
