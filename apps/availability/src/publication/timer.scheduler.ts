import type { Scheduler, TimerHandle } from '@crossdock/availability/domain';

interface Entry {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/**
 * The domain's Scheduler port on real time: due callbacks wait in a min-heap behind one Node timer
 * armed for the earliest, so any number of them cost one timer. (The coalescer now keeps a single
 * callback for its earliest closing window itself.) The timer is unref'd so a window never holds
 * the process open.
 */
export class TimerScheduler implements Scheduler {
  private nextId = 1;
  private readonly heap: Entry[] = [];
  /** Ids scheduled and neither run nor cancelled; a cancelled entry stays in the heap, skipped when due. */
  private readonly live = new Set<number>();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Number.POSITIVE_INFINITY;

  now(): number {
    return Date.now();
  }

  schedule(delayMs: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    const entry = { id, at: this.now() + Math.max(0, delayMs), callback };
    this.push(entry);
    this.live.add(id);
    if (entry.at < this.armedFor) this.arm(entry.at);
    return { id };
  }

  cancel(handle: TimerHandle): void {
    this.live.delete(handle.id);
    if (this.live.size === 0) this.disarm();
  }

  /** Callbacks waiting to run: for tests and gauges. */
  pending(): number {
    return this.live.size;
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    for (let head = this.heap[0]; head !== undefined && head.at <= now; head = this.heap[0]) {
      this.pop();
      // A callback may schedule again (the coalescer re-opens a window): it lands in the heap behind now.
      if (this.live.delete(head.id)) head.callback();
    }
    this.skipCancelled();
    const next = this.heap[0];
    if (next !== undefined) this.arm(next.at);
  }

  private arm(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    this.heap.length = 0;
  }

  private skipCancelled(): void {
    for (let head = this.heap[0]; head !== undefined && !this.live.has(head.id); head = this.heap[0]) this.pop();
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent] as Entry)) break;
      heap[i] = heap[parent] as Entry;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (last === undefined || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as Entry, heap[left] as Entry) ? right : left;
      if (!before(heap[child] as Entry, last)) break;
      heap[i] = heap[child] as Entry;
      i = child;
    }
    heap[i] = last;
  }
}

// Equal due times run in scheduling order.
function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id);
}
