import { nextPollDelayMs, type PollBackoffPolicy } from '@crossdock/channel-adapters';
import type { Leadership } from '@crossdock/outbox';

export interface PollLoopOptions {
  readonly policy: PollBackoffPolicy;
  /** One round of work; a throw counts as a failure and is retried after a backoff. */
  readonly round: () => Promise<void>;
  readonly onSuccess?: () => void;
  readonly onFailure: (error: unknown, consecutiveFailures: number, retryInMs: number) => void;
  /** The source's own "call again in" hint carried by the error (SP-API throttling), if any. */
  readonly retryAfterOf?: (error: unknown) => number | null;
  /**
   * A role one instance of the service holds at a time: rounds run only while this instance holds
   * it (several instances polling one source would read it twice, and a drop folder's work files
   * of one instance would look like another's crash leftovers). Without it, every instance polls.
   */
  readonly leadership?: Pick<Leadership, 'lead' | 'resign'>;
}

/**
 * Runs a polling round forever: the interval after a success, a doubling backoff after failures,
 * and nothing a round throws ever escapes (the loop is the last line of "never crash"). `stop()`
 * lets the round in hand finish, so a batch is never cut between publish and cursor save.
 */
export class PollLoop {
  private stopping = false;
  private running: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private failures = 0;

  constructor(private readonly options: PollLoopOptions) {}

  get consecutiveFailures(): number {
    return this.failures;
  }

  start(): void {
    this.running ??= this.run();
  }

  /** Runs the next round now instead of after the current pause. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.running;
    this.options.leadership?.resign();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let retryAfter: number | null = null;
      try {
        if (this.options.leadership && (await this.options.leadership.lead()) === null) {
          await this.sleep(this.options.policy.intervalMs);
          continue;
        }
        await this.options.round();
        this.failures = 0;
        this.options.onSuccess?.();
      } catch (error) {
        this.failures += 1;
        retryAfter = this.options.retryAfterOf?.(error) ?? null;
        const delay = nextPollDelayMs(this.options.policy, this.failures, retryAfter);
        try {
          this.options.onFailure(error, this.failures, delay);
        } catch {
          // A failing log call must not end the loop either.
        }
      }
      if (this.stopping) break;
      await this.sleep(nextPollDelayMs(this.options.policy, this.failures, retryAfter));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = undefined;
        done();
      };
    });
  }
}
