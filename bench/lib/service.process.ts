import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './stack';
import { sleep } from './clock';

/** A Crossdock service in its own process, started the way `nx serve <service>` starts it. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  readonly baseUrl: string;

  constructor(
    readonly service: string,
    private readonly env: Record<string, string>,
    readonly port: number,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  start(): void {
    // e.g. BENCH_SERVICE_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to see where the service spends its time.
    const nodeArgs = (process.env['BENCH_SERVICE_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', `apps/${this.service}/src/main.ts`], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env, SWC_NODE_PROJECT: 'tsconfig.base.json', HTTP_PORT: String(this.port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const child = this.child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Polls /health/ready until 200; milliseconds from now until then. */
  async waitReady(timeoutMs: number): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) throw new Error(`${this.service} exited with ${this.child.exitCode}`);
      try {
        if ((await fetch(`${this.baseUrl}/health/ready`)).status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`${this.service} not ready within ${timeoutMs} ms`);
  }

  /** Sum of a Prometheus metric's series, or NaN when absent. */
  async metric(name: string): Promise<number> {
    const text = await (await fetch(`${this.baseUrl}/metrics`)).text();
    const lines = text.split('\n').filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
    return lines.length === 0 ? Number.NaN : lines.reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}
