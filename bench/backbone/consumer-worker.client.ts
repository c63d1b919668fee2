import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { withTimeout } from '../lib/clock';
import type { ConsumerWorkerConfig, ParentMessage, PhaseReport, WorkerMessage } from './consumer-worker.protocol';

interface Pending {
  readonly resolve: (report: PhaseReport) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The parent's handle on the forked consumer. The child inherits execArgv (`-r @swc-node/register`)
 * and SWC_NODE_PROJECT, so it runs the TypeScript source with the same path aliases.
 */
export class ConsumerWorker {
  private readonly pending = new Map<string, Pending>();
  private readonly progress = new Map<string, number>();
  private exited: Error | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerMessage) => this.onMessage(message));
    child.on('exit', (code, signal) => {
      this.exited = new Error(`consumer worker exited (code ${code ?? '-'}, signal ${signal ?? '-'})`);
      for (const pending of this.pending.values()) pending.reject(this.exited);
      this.pending.clear();
    });
  }

  /** Forks the worker and resolves once its consumer has joined the group (partitions assigned). */
  static async start(config: ConsumerWorkerConfig, timeoutMs = 60_000): Promise<ConsumerWorker> {
    const child = fork(join(__dirname, 'consumer.worker.ts'), [JSON.stringify(config)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker = new ConsumerWorker(child);
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve();
        if (message.type === 'error') reject(new Error(`consumer worker failed: ${message.message}`));
      });
      child.on('exit', () => reject(worker.exited ?? new Error('consumer worker exited')));
    });
    try {
      await withTimeout(ready, timeoutMs, () => 'consumer worker did not join its group');
    } catch (error) {
      await worker.stop();
      throw error;
    }
    return worker;
  }

  /**
   * Resolves when the worker has decoded `count` messages tagged with `phase`. Safe to call after
   * the messages were sent: the worker counts a phase from its first message on.
   */
  async awaitPhase(phase: string, count: number, timeoutMs: number): Promise<PhaseReport> {
    if (this.exited) throw this.exited;
    const done = new Promise<PhaseReport>((resolve, reject) => this.pending.set(phase, { resolve, reject }));
    this.post({ type: 'expect', phase, count });
    try {
      return await withTimeout(done, timeoutMs, () => `consumer decoded ${this.progress.get(phase) ?? 0} of ${count} messages of ${phase}`);
    } finally {
      this.pending.delete(phase);
    }
  }

  /** Asks the consumer to leave its group and exit; kills it if it does not within `timeoutMs`. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.exited || this.child.exitCode !== null) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.post({ type: 'stop' });
    try {
      await withTimeout(exit, timeoutMs, () => 'consumer worker did not stop');
    } catch {
      this.child.kill('SIGKILL');
      await exit;
    }
  }

  private post(message: ParentMessage): void {
    if (this.child.connected) this.child.send(message);
  }

  private onMessage(message: WorkerMessage): void {
    if (message.type === 'progress') this.progress.set(message.phase, message.received);
    if (message.type === 'done') {
      this.progress.set(message.report.phase, message.report.received);
      this.pending.get(message.report.phase)?.resolve(message.report);
    }
    if (message.type === 'error') {
      const error = new Error(`consumer worker failed: ${message.message}`);
      for (const pending of this.pending.values()) pending.reject(error);
    }
  }
}
