import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { counter, type Logger } from '@crossdock/observability';
import type { RawExecutor } from '../bulk/bulk-insert';
import { assertRetentionRules, retentionBatchStatement, type RetentionRule } from './retention-rule';

const rowsDeleted = counter('crossdock_retention_rows_deleted_total', 'Rows whose work was finished, deleted after their keep period', ['table']);
const sweepFailures = counter('crossdock_retention_sweep_failures_total', 'Retention sweeps of a table that failed (retried next interval)', ['table']);

export interface RetentionSweeperOptions {
  /** A Prisma client (not a transaction): each batch must commit on its own. */
  readonly db: RawExecutor;
  readonly rules: readonly RetentionRule[];
  readonly intervalMs: number;
  readonly logger: Pick<Logger, 'info' | 'error'>;
  /** Rows per DELETE statement; small enough that no batch holds its locks for long. */
  readonly batchSize?: number;
  /** Each wait is the interval ± this fraction, so instances started together do not sweep in step. */
  readonly jitter?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface RetentionSweep {
  /** Rows deleted per rule name, including batches of a rule that failed later. */
  readonly deleted: Readonly<Record<string, number>>;
  /** Rules whose sweep failed; they are tried again at the next interval. */
  readonly failed: readonly string[];
}

/**
 * Deletes rows whose job is done (published outbox events, completed queue entries) once they are
 * older than their rule's keep period, so a long-running service's bookkeeping tables stay bounded.
 * Each rule is swept in batches until a batch comes back short. A sweep never overlaps another; a
 * failing rule is logged and retried at the next interval, never thrown. As a Nest provider it
 * starts after bootstrap and stops before the database disconnects, finishing the batch in hand.
 */
export class RetentionSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly batchSize: number;
  private readonly jitter: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<RetentionSweep> | undefined;
  private started = false;
  private stopping = false;

  constructor(private readonly options: RetentionSweeperOptions) {
    assertRetentionRules(options.rules);
    this.batchSize = options.batchSize ?? 1_000;
    this.jitter = options.jitter ?? 0.1;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize <= 0) throw new Error(`retention batch size must be a positive integer, got ${this.batchSize}`);
    if (!(options.intervalMs > 0)) throw new Error(`retention interval must be positive, got ${options.intervalMs}`);
    if (!(this.jitter >= 0 && this.jitter < 1)) throw new Error(`retention jitter must be in [0, 1), got ${this.jitter}`);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Sweeps every interval from now on; a second call does nothing (Nest's app and its microservice both bootstrap). */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.scheduleNext();
  }

  /** No sweep starts after this; resolves once the one in hand (if any) has finished its current batch. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.inFlight;
  }

  /** One sweep of every rule; a call while one runs gets that sweep's result instead of a second one. */
  sweep(): Promise<RetentionSweep> {
    this.inFlight ??= this.sweepAll().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private scheduleNext(): void {
    if (this.stopping) return;
    const delay = this.options.intervalMs * (1 + this.jitter * (2 * this.random() - 1));
    // The next wait starts when this sweep ends, so a slow sweep delays the next instead of overlapping it.
    this.timer = setTimeout(() => void this.sweep().then(() => this.scheduleNext()), delay);
    // Retention is housekeeping: it must never be what keeps a stopping process alive.
    this.timer.unref();
  }

  private async sweepAll(): Promise<RetentionSweep> {
    const startedAt = this.now();
    const deleted: Record<string, number> = {};
    const failed: string[] = [];
    for (const rule of this.options.rules) {
      if (this.stopping) break;
      try {
        await this.sweepRule(rule, startedAt, deleted);
      } catch (error) {
        failed.push(rule.name);
        sweepFailures.inc({ table: rule.table });
        this.options.logger.error({ err: error, rule: rule.name, table: rule.table }, 'retention sweep failed; retrying at the next interval');
      }
    }
    const total = Object.values(deleted).reduce((sum, n) => sum + n, 0);
    if (total > 0) this.options.logger.info({ deleted, durationMs: this.now() - startedAt }, `retention deleted ${total} finished rows`);
    return { deleted, failed };
  }

  private async sweepRule(rule: RetentionRule, at: number, deleted: Record<string, number>): Promise<void> {
    const statement = retentionBatchStatement(rule);
    const cutoff = new Date(at - rule.keepFor).toISOString();
    deleted[rule.name] = 0;
    for (;;) {
      const count = await this.options.db.$executeRawUnsafe(statement, cutoff, this.batchSize);
      deleted[rule.name] = (deleted[rule.name] ?? 0) + count;
      rowsDeleted.inc({ table: rule.table }, count);
      if (count < this.batchSize || this.stopping) return;
    }
  }
}
