import { backoffDelay, type BackoffPolicy } from './backoff';
import type { FeedSync, SyncReport } from './feed-sync';

export type FeedState = 'STARTING' | 'HEALTHY' | 'DEGRADED' | 'STANDBY';

/**
 * Whether this instance may poll now: one instance of a connector polls its feeds at a time (a
 * second one would read and publish every record again, and could move the cursor back). False:
 * another instance polls; this one stands by and asks again after the poll interval.
 */
export type FeedTurn = () => Promise<boolean>;

export interface FeedStatus {
  readonly feed: string;
  /**
   * STARTING until the first poll succeeds; DEGRADED while polls fail (source or dependency down);
   * STANDBY while another instance polls the feed.
   */
  readonly state: FeedState;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly lastSuccessAt: number | null;
  readonly lastFailureAt: number | null;
  readonly nextPollAt: number | null;
  readonly totals: { readonly polls: number; readonly upserts: number; readonly tombstones: number; readonly rejected: number };
}

export interface FeedPollerEvents {
  polled?(report: SyncReport, durationMs: number): void;
  failed?(error: unknown, consecutiveFailures: number, retryInMs: number): void;
  recovered?(afterFailures: number): void;
}

export interface FeedPollerOptions {
  readonly sync: FeedSync<unknown>;
  readonly intervalMs: number;
  readonly backoff: BackoffPolicy;
  readonly events?: FeedPollerEvents;
  /**
   * A poll that has made no progress (no page committed) for this long makes the feed DEGRADED:
   * a publish waits without limit while Kafka is away, and that must show in readiness too.
   */
  readonly stallAfterMs?: number;
  readonly now?: () => number;
}

/**
 * Runs one FeedSync forever: poll, wait, poll again; on any failure (source outage, Kafka or
 * database trouble) back off exponentially and keep going, so the loop survives outages and
 * resumes from the durable cursor. Polls and resyncs of a feed never overlap: both go through one
 * queue, so a resync and a poll cannot interleave pages.
 */
export class FeedPoller {
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  private loopDone: Promise<void> | undefined;
  private stopped = false;
  private wake: (() => void) | undefined;
  private failures = 0;
  private lastError: string | null = null;
  private lastSuccessAt: number | null = null;
  private lastFailureAt: number | null = null;
  private nextPollAt: number | null = null;
  private totals = { polls: 0, upserts: 0, tombstones: 0, rejected: 0 };
  /** While a poll or resync runs: when it started or last committed a page. */
  private progressAt: number | null = null;
  private standingBy = false;
  private turn: FeedTurn | undefined;

  constructor(private readonly options: FeedPollerOptions) {
    this.now = options.now ?? Date.now;
  }

  get feed(): string {
    return this.options.sync.feed;
  }

  /** Polls forever; with `turn`, only while it says this instance's turn it is. */
  start(turn?: FeedTurn): void {
    if (this.loopDone) return;
    this.turn = turn;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  /** Stops polling; resolves once the page in hand is published and committed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loopDone;
    await this.queue.catch(() => undefined);
    this.loopDone = undefined;
  }

  /** Cuts the current wait short (after a resync request, or in tests). */
  pollNow(): void {
    this.wake?.();
  }

  /** Republishes the snapshot, queued behind the poll in progress. A failure counts like a failed poll. */
  resync(): Promise<SyncReport> {
    return this.exclusive(() => this.options.sync.resync());
  }

  cursor(): Promise<string | null> {
    return this.options.sync.cursor();
  }

  /** A page was published and its cursor saved: the poll in hand is moving. */
  noteProgress(): void {
    if (this.progressAt !== null) this.progressAt = this.now();
  }

  status(): FeedStatus {
    const stalledFor = this.progressAt === null ? 0 : this.now() - this.progressAt;
    const stalled = this.options.stallAfterMs !== undefined && stalledFor > this.options.stallAfterMs;
    const state: FeedState = this.failures > 0 || stalled ? 'DEGRADED' : this.standingBy ? 'STANDBY' : this.lastSuccessAt === null ? 'STARTING' : 'HEALTHY';
    return {
      feed: this.feed,
      state,
      consecutiveFailures: this.failures,
      lastError: stalled
        ? `no progress for ${Math.round(stalledFor / 1000)} s (publishing or saving the cursor is waiting; Kafka or the database may be down)`
        : this.lastError,
      lastSuccessAt: this.lastSuccessAt,
      lastFailureAt: this.lastFailureAt,
      nextPollAt: this.nextPollAt,
      totals: { ...this.totals },
    };
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let delay = this.options.intervalMs;
      try {
        this.standingBy = !(await this.myTurn());
        if (!this.standingBy) await this.exclusive(() => this.options.sync.pollOnce({ shouldStop: () => this.stopped }));
      } catch {
        delay = backoffDelay(this.failures, this.options.backoff);
      }
      if (this.stopped) break;
      this.nextPollAt = this.now() + delay;
      await this.sleep(delay);
      this.nextPollAt = null;
    }
  }

  // A turn that cannot be asked for (its database down) fails like a poll: the feed shows DEGRADED.
  private async myTurn(): Promise<boolean> {
    if (!this.turn) return true;
    try {
      const mine = await this.turn();
      // Standing by with the question answered is healthy; a poll's own outcome decides otherwise.
      if (!mine && this.failures > 0) {
        this.options.events?.recovered?.(this.failures);
        this.failures = 0;
        this.lastError = null;
      }
      return mine;
    } catch (error) {
      this.failures += 1;
      this.lastError = `cannot tell whether this instance polls: ${error instanceof Error ? error.message : String(error)}`;
      this.lastFailureAt = this.now();
      this.options.events?.failed?.(error, this.failures, backoffDelay(this.failures, this.options.backoff));
      throw error;
    }
  }

  private exclusive(work: () => Promise<SyncReport>): Promise<SyncReport> {
    const run = this.queue.catch(() => undefined).then(() => this.track(work));
    this.queue = run;
    return run;
  }

  private async track(work: () => Promise<SyncReport>): Promise<SyncReport> {
    const started = this.now();
    this.progressAt = started;
    try {
      const report = await work();
      if (this.failures > 0) this.options.events?.recovered?.(this.failures);
      this.failures = 0;
      this.lastError = null;
      this.lastSuccessAt = this.now();
      this.totals = {
        polls: this.totals.polls + 1,
        upserts: this.totals.upserts + report.upserts,
        tombstones: this.totals.tombstones + report.tombstones,
        rejected: this.totals.rejected + report.rejected,
      };
      this.options.events?.polled?.(report, this.now() - started);
      return report;
    } catch (error) {
      this.failures += 1;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.lastFailureAt = this.now();
      this.options.events?.failed?.(error, this.failures, backoffDelay(this.failures, this.options.backoff));
      throw error;
    } finally {
      this.progressAt = null;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
