import { type Attributes, type Context, SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import {
  type DrainConfig,
  type DrainEntry,
  type DrainState,
  type ErpPermanentError,
  type ErpTransientKind,
  ErpTransientError,
  initialDrainState,
  planDrain,
  recordAttempt,
} from '@crossdock/erp/domain';
import { type CorrelationContext, runWithCorrelation, withSpan } from '@crossdock/observability';
import { Leadership, Wakeable } from '@crossdock/outbox';
import type { SqlPool } from '@crossdock/persistence';
import { drainConfigOf, type ErpDrainSettings } from './erp-drain-config.schema';

/**
 * Planning reads the oldest pending entries only, a few per free in-flight slot: reading the whole
 * backlog every round would make a deep queue (an ERP outage) slow to drain, and under a backlog a
 * round runs after every few answers. An order's entries are read oldest first, so its head is inside
 * the window when any of its entries is; a window full of entries that must wait (behind an order's
 * call in flight) only delays the next dispatch to the next round.
 */
const PENDING_WINDOW_PER_SLOT = 4;
const MIN_PENDING_WINDOW = 16;

/** A transient failure as the queue keeps it: the entry's next attempt, and the error to show meanwhile. */
export interface ErpRetry {
  /** The entry with its attempts counted and its `notBefore` set by the drain policy. */
  readonly entry: DrainEntry;
  readonly reason: ErpTransientKind | 'UNCLASSIFIED';
  /** `REASON: message`, what the queue records as the last error. */
  readonly lastError: string;
}

/**
 * A service's durable ERP queue, as the drainer reads and settles it. `Row` is what planning reads
 * every round; `Call` what the claim returns for the rows it sends (the row itself when nothing needs
 * claiming, or the row with its payload).
 */
export interface ErpDrainQueue<Row, Call extends Row, Answer> {
  /** The row as the domain's drain policy sees it (id, order, sequence, enqueue time, attempts, notBefore). */
  entry(row: Row): DrainEntry;
  /** The oldest pending rows, at most `limit`, leaving out `inFlight` (still pending while their call is out). */
  pending(limit: number, inFlight: readonly Row[]): Promise<readonly Row[]>;
  /**
   * Takes one round's rows for sending, in one statement; a row it does not return was changed
   * meanwhile and is not sent. A queue with nothing to claim returns the rows.
   */
  claim(rows: readonly Row[]): Promise<readonly Call[]>;
  /** Sends one call through the service's ERP port; what it throws the drain policy classifies. */
  send(call: Call): Promise<Answer>;
  /** Records the ERP's answer (in a transaction with what it completes). */
  succeeded(call: Call, answer: Answer): Promise<void>;
  /** Keeps the call queued in its place until `retry.entry.notBefore`. */
  reschedule(call: Call, retry: ErpRetry): Promise<void>;
  /** The ERP refused the call for good: out of the queue, to an operator. */
  refused(call: Call, error: ErpPermanentError): Promise<void>;
}

/** The span of one ERP call: besides these, it carries the order id, the attempt number and the outcome. */
export interface ErpCallTrace {
  readonly name: string;
  readonly correlation: CorrelationContext;
  /** The trace the call continues; without one, the span joins whatever is active. */
  readonly parent?: Context;
  readonly attributes: Attributes;
}

export interface ErpQueueDrainerOptions<Row, Call extends Row, Answer> {
  readonly queue: ErpDrainQueue<Row, Call, Answer>;
  readonly settings: ErpDrainSettings;
  /** The service's database and the advisory lock id of this drainer (unique within the service). */
  readonly leaderLock: { readonly db: Pick<SqlPool, 'lockedSession'>; readonly id: number };
  readonly logger: Pick<Logger, 'error' | 'warn'>;
  readonly trace: (call: Call) => ErpCallTrace;
  /** What names a row in a log line (`{ orderId }`, `{ packageReference }`). */
  readonly logFields: (row: Row) => Record<string, unknown>;
  readonly messages: {
    /** A round failed (database, lock); the loop retries at its next poll. */
    readonly roundFailed: string;
    /** A call failed before its answer was recorded; it stays queued and is sent again. */
    readonly notRecorded: string;
    /** A transient failure: the call is rescheduled. */
    readonly willRetry: string;
  };
  /** Runs first in every round the leader runs (the queue's gauges). */
  readonly beforeRound?: (now: number) => Promise<void>;
  /** Sees the rows a round read before they are planned, with the orders that have a call in flight. */
  readonly beforePlan?: (rows: readonly Row[], ordersInFlight: ReadonlySet<string>, now: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Drains a service's durable ERP queue: per-order sequence, oldest first, within the ERP's rate limit
 * and the in-flight cap, pausing the whole queue while the ERP is down or throttling (the domain's
 * `planDrain` and `recordAttempt` decide; this class does the I/O through the service's queue). One
 * drainer per deployment: it drains only while it holds its advisory lock (`Leadership`, as the outbox
 * relay), so the rate limit and each order's sequence hold with several instances. Survives restarts
 * because the queue is a table: whatever was pending when a process died is simply sent again.
 */
export class ErpQueueDrainer<Row, Call extends Row, Answer> extends Wakeable {
  private readonly queue: ErpDrainQueue<Row, Call, Answer>;
  private readonly drainConfig: DrainConfig;
  private readonly now: () => number;
  private state: DrainState;
  /** Calls awaiting the ERP's answer, by order (one at a time per order), with their row. */
  private readonly inFlight = new Map<string, { readonly row: Row; readonly call: Promise<void> }>();
  private readonly leadership: Leadership;
  private leader = false;
  private running: Promise<void> | undefined;

  constructor(private readonly options: ErpQueueDrainerOptions<Row, Call, Answer>) {
    super();
    this.queue = options.queue;
    this.now = options.now ?? Date.now;
    this.drainConfig = drainConfigOf(options.settings);
    this.state = initialDrainState(this.drainConfig, this.now());
    // The calls run on other connections, so the lock's own connection is checked now and then: one that
    // died silently must end this term before another instance starts its own.
    this.leadership = new Leadership(options.leaderLock.db, options.leaderLock.id, {
      checkEveryMs: Math.max(1_000, options.settings.ERP_DRAIN_POLL_MS * 4),
      now: this.now,
    });
  }

  start(): void {
    this.running ??= this.loop();
  }

  /** Stops planning, waits for the calls in flight to be recorded, and gives the lock up. */
  async close(): Promise<void> {
    this.stop();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let wakeAt: number | null = null;
      try {
        const holds = (await this.leadership.lead()) !== null;
        // A new leader starts with a full bucket; the previous one stopped sending when it lost the lock.
        if (holds && !this.leader) this.state = initialDrainState(this.drainConfig, this.now());
        this.leader = holds;
        if (this.leader) wakeAt = await this.round();
      } catch (error) {
        this.options.logger.error({ err: error }, this.options.messages.roundFailed);
      }
      const now = this.now();
      const poll = now + this.options.settings.ERP_DRAIN_POLL_MS;
      await this.sleep((wakeAt === null ? poll : Math.min(wakeAt, poll)) - now);
    }
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.call));
    this.leadership.resign();
  }

  /** Plans and dispatches once; returns when the plan wants to run again (null: when woken or polled). */
  private async round(): Promise<number | null> {
    const now = this.now();
    await this.options.beforeRound?.(now);
    const freeSlots = this.drainConfig.maxInFlight - this.inFlight.size;
    // Every slot busy: nothing could be sent, and each answer wakes the next round.
    if (freeSlots <= 0) return null;
    const rows = await this.queue.pending(
      Math.max(MIN_PENDING_WINDOW, freeSlots * PENDING_WINDOW_PER_SLOT),
      [...this.inFlight.values()].map((f) => f.row),
    );
    await this.options.beforePlan?.(rows, new Set(this.inFlight.keys()), now);
    const entries = rows.map((row) => this.queue.entry(row));
    const byId = new Map(entries.map((entry, i) => [entry.id, rows[i] as Row]));
    const plan = planDrain(entries, new Set(this.inFlight.keys()), this.state, this.drainConfig, this.now());
    this.state = plan.state;
    const dispatch = plan.dispatch.flatMap((entry) => {
      const row = byId.get(entry.id);
      return row === undefined ? [] : [{ entry, row }];
    });
    if (dispatch.length === 0) return plan.nextWakeAt;
    // One claim for the round; each call then goes out as soon as it is claimed.
    const claimed = this.queue.claim(dispatch.map((d) => d.row)).then((calls) => new Map(calls.map((call) => [this.queue.entry(call).id, call])));
    for (const { entry, row } of dispatch)
      this.dispatch(
        entry.orderId,
        row,
        claimed.then((calls) => calls.get(entry.id)),
      );
    return plan.nextWakeAt;
  }

  /** Makes the call once `claimed` has it (undefined: it changed meanwhile and is not sent). */
  private dispatch(orderId: string, row: Row, claimed: Promise<Call | undefined>): void {
    const call = claimed
      .then((claimedCall) => (claimedCall === undefined ? undefined : this.attempt(claimedCall)))
      .catch((error: unknown) => this.options.logger.error({ err: error, ...this.options.logFields(row) }, this.options.messages.notRecorded))
      .finally(() => {
        this.inFlight.delete(orderId);
        // A freed slot, or this order's next call, may go now.
        this.wake();
      });
    this.inFlight.set(orderId, { row, call });
  }

  private attempt(call: Call): Promise<void> {
    const entry = this.queue.entry(call);
    const trace = this.options.trace(call);
    const attributes = { 'crossdock.order_id': entry.orderId, ...trace.attributes, 'crossdock.erp.attempt': entry.attempts + 1 };
    const spanOptions = trace.parent === undefined ? { kind: SpanKind.CLIENT, attributes } : { kind: SpanKind.CLIENT, attributes, parent: trace.parent };
    return runWithCorrelation(trace.correlation, () =>
      withSpan(trace.name, spanOptions, async (span) => {
        let answer: Answer | undefined;
        let failure: unknown = null;
        try {
          answer = await this.queue.send(call);
        } catch (error) {
          failure = error;
        }
        const result = recordAttempt(entry, failure, this.state, this.drainConfig, this.now());
        this.state = result.state;
        const outcome = result.outcome;
        span.setAttribute('crossdock.erp.outcome', outcome.kind);
        if (outcome.kind === 'DONE') {
          // No failure means send() returned the ERP's answer.
          await this.queue.succeeded(call, answer as Answer);
        } else if (outcome.kind === 'RETRY') {
          const reason = failure instanceof ErpTransientError ? failure.kind : 'UNCLASSIFIED';
          const message = failure instanceof Error ? failure.message : String(failure);
          await this.queue.reschedule(call, { entry: outcome.entry, reason, lastError: `${reason}: ${message}` });
          this.options.logger.warn(
            { ...this.options.logFields(call), reason, attempts: outcome.entry.attempts, notBefore: outcome.entry.notBefore },
            this.options.messages.willRetry,
          );
        } else {
          await this.queue.refused(call, outcome.error);
        }
      }),
    );
  }
}
