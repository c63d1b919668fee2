import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { metricSeries } from './metric-series';

/** The repository root, where `apps/<service>/src/main.ts` lives. */
export const REPO_ROOT = resolve(__dirname, '../../..');

export interface ServiceProcessOptions {
  /** Extra node flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /**
   * Where the service's output goes: `ignore` (stdout dropped, stderr inherited: a benchmark's
   * stdout stays its report) or a line sink (each stdout/stderr line, e.g. prefixed by a supervisor).
   */
  readonly output?: 'ignore' | ((line: string, stream: 'stdout' | 'stderr') => void);
}

/** A Crossdock service in its own process, started the way `nx serve <service>` starts it. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  private stopping = false;
  readonly baseUrl: string;

  constructor(
    readonly service: string,
    private readonly env: Record<string, string>,
    readonly port: number,
    private readonly options: ServiceProcessOptions = {},
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  start(): void {
    const sink = this.options.output ?? 'ignore';
    const args = [...nodeRuntimeArgs(this.service), ...(this.options.nodeArgs ?? []), '-r', '@swc-node/register', `apps/${this.service}/src/main.ts`];
    this.child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, SWC_NODE_PROJECT: 'tsconfig.base.json', HTTP_PORT: String(this.port) },
      stdio: ['ignore', sink === 'ignore' ? 'ignore' : 'pipe', sink === 'ignore' ? 'inherit' : 'pipe'],
    });
    const child = this.child;
    if (typeof sink === 'function') {
      if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => sink(line, 'stdout'));
      if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => sink(line, 'stderr'));
    }
    // Killed by a signal: the shell's convention, 128 + its number (SIGKILL -> 137).
    this.exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : null))));
  }

  /** Resolves with the exit code when the process ends without having been asked to stop. */
  unexpectedExit(): Promise<number | null> {
    return (this.exited ?? Promise.resolve(null)).then((code) => (this.stopping ? new Promise<never>(() => undefined) : code));
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Polls /health/ready until 200; milliseconds from now until then. */
  async waitReady(timeoutMs: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`${this.service} exited with ${this.child.exitCode}`);
      let answer: { httpStatus: number; service?: unknown } | undefined;
      try {
        const response = await fetch(`${this.baseUrl}/health/ready`);
        const body = (await response.json().catch(() => ({}))) as { service?: unknown };
        answer = { httpStatus: response.status, service: body.service };
      } catch {
        // not listening yet
      }
      // Another process on our port would otherwise pass for us being ready (seen: two services handed one port).
      if (answer?.service !== undefined && answer.service !== this.service) {
        throw new Error(`${this.baseUrl} is answered by ${String(answer.service)}, not ${this.service}: the port is taken`);
      }
      if (answer?.httpStatus === 200) return performance.now() - started;
      await new Promise((done) => setTimeout(done, 100));
    }
    throw new Error(`${this.service} not ready within ${timeoutMs} ms`);
  }

  /** Sum of a Prometheus metric's series (those carrying all of `labels`), or NaN when absent. */
  async metric(name: string, labels: Readonly<Record<string, string>> = {}): Promise<number> {
    const values = metricSeries(await (await fetch(`${this.baseUrl}/metrics`)).text(), name, labels);
    return values.length === 0 ? Number.NaN : values.reduce((sum, value) => sum + value, 0);
  }

  /**
   * Sends `signal` without asking the process to stop: its end counts as unexpected (a fault test's
   * SIGKILL, an orchestrator's SIGTERM the supervisor restarts after), so `unexpectedExit` resolves.
   */
  signal(signal: NodeJS.Signals): void {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** Resolves with the exit code when the process has ended, however it ended. */
  ended(): Promise<number | null> {
    return this.exited ?? Promise.resolve(null);
  }

  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    this.stopping = true;
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * The node flags every launcher gives a service (infra/node/node-args.js: the shared ones, then
 * apps/<service>/runtime.json's); without a service, the shared ones, for other Node processes whose
 * timing is measured (a benchmark's load generator).
 */
export function nodeRuntimeArgs(service?: string): string[] {
  const runtime = createRequire(__filename)(join(REPO_ROOT, 'infra', 'node', 'node-args.js')) as { nodeArgs(service?: string): string[] };
  return runtime.nodeArgs(service);
}
