import type { Logger } from 'pino';
import type { ReadinessRegistry } from './readiness.registry';

export interface StartupTaskOptions {
  /** What the task does, for logs and the readiness answer, e.g. `inventory cache rebuild`. */
  readonly what: string;
  /** The readiness check it holds until done. */
  readonly readinessCheck: string;
  readonly readiness: ReadinessRegistry;
  readonly logger: Logger;
  /** Past this, a task still failing stops the process: an orchestrator restarts it. */
  readonly timeoutMs: number;
  readonly retryDelayMs?: number;
  /** Done: the service's own state says so (a rebuilt table), not merely the last attempt. */
  readonly isDone: () => boolean;
}

/**
 * Work a service must finish before it is ready, such as rebuilding a table from compacted
 * topics: /health/ready answers 503 (naming the last failure) until it is done, failures are
 * retried, and a task that keeps failing past its deadline stops the process with SIGTERM.
 */
export class StartupTask {
  private started = false;
  private stopping = false;
  private lastError: string | undefined;
  private unregister: (() => void) | undefined;

  constructor(private readonly options: StartupTaskOptions) {}

  /** Runs `attempt` until it succeeds; a second call does nothing (Nest's app and its microservice both bootstrap). */
  start(attempt: () => Promise<void>): void {
    if (this.started) return;
    this.started = true;
    const { what, readinessCheck, readiness, isDone } = this.options;
    this.unregister = readiness.register(readinessCheck, () => {
      if (isDone()) return true;
      if (this.lastError) throw new Error(`${what} failed, retrying: ${this.lastError}`);
      return false;
    });
    void this.runUntilDone(attempt);
  }

  stop(): void {
    this.stopping = true;
    this.unregister?.();
  }

  private async runUntilDone(attempt: () => Promise<void>): Promise<void> {
    const { what, logger, timeoutMs, retryDelayMs = 2_000 } = this.options;
    const deadline = Date.now() + timeoutMs;
    while (!this.stopping) {
      try {
        await attempt();
        this.lastError = undefined;
        return;
      } catch (error) {
        this.lastError = error instanceof Error ? error.message : String(error);
        logger.error({ err: error }, `${what} failed`);
        if (Date.now() > deadline) {
          logger.fatal({ timeoutMs }, `${what} timed out; stopping`);
          process.kill(process.pid, 'SIGTERM');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
      }
    }
  }
}
