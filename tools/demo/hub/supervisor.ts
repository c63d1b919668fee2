import { ServiceProcess } from '@crossdock/testing';
import { formatLogLine } from './log-line.format';

export interface SupervisedService {
  readonly name: string;
  readonly port: number;
  readonly env: Record<string, string>;
}

export interface SupervisorOptions {
  readonly readyTimeoutMs?: number;
  /** Where prefixed service output goes (default: stdout). */
  readonly write?: (line: string) => void;
  /** Service log lines are dropped unless this says to keep them (the demo keeps warnings only). */
  readonly keepLine?: (line: string) => boolean;
}

/** A service that ended without being asked to: the supervisor's reason to stop everything. */
export class ServiceDiedError extends Error {
  constructor(
    readonly service: string,
    readonly exitCode: number | null,
  ) {
    super(`${service} exited unexpectedly (code ${exitCode ?? 'unknown'})`);
    this.name = 'ServiceDiedError';
  }
}

/**
 * One parent for all hub services: starts them in order, each waiting for /health/ready, prefixes
 * their log lines with the service name, and stops all of them (SIGTERM, in reverse order) when
 * asked or as soon as one dies.
 */
export class Supervisor {
  private readonly running: ServiceProcess[] = [];
  private readonly died: Promise<ServiceDiedError>;
  private reportDeath: (error: ServiceDiedError) => void = () => undefined;
  private readonly width: number;

  constructor(
    private readonly services: readonly SupervisedService[],
    private readonly options: SupervisorOptions = {},
  ) {
    this.died = new Promise((resolve) => (this.reportDeath = resolve));
    this.width = Math.max(...services.map((s) => s.name.length));
  }

  /** Rejects with ServiceDiedError naming the first service that dies (never resolves otherwise). */
  deathWatch(): Promise<never> {
    return this.died.then((error) => Promise.reject(error));
  }

  process(name: string): ServiceProcess {
    const found = this.running.find((p) => p.service === name);
    if (!found) throw new Error(`${name} is not running`);
    return found;
  }

  async start(): Promise<void> {
    const write = this.options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    for (const spec of this.services) {
      const prefix = `[${spec.name.padEnd(this.width)}]`;
      const child = new ServiceProcess(spec.name, spec.env, spec.port, {
        output: (line) => {
          if (this.options.keepLine === undefined || this.options.keepLine(line)) write(`${prefix} ${formatLogLine(line)}`);
        },
      });
      child.start();
      this.running.push(child);
      void child.unexpectedExit().then((code) => this.reportDeath(new ServiceDiedError(spec.name, code)));
      const startedAt = Date.now();
      await Promise.race([child.waitReady(this.options.readyTimeoutMs ?? 300_000), this.deathWatch()]);
      write(`${prefix} ready on ${child.baseUrl} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
    }
  }

  async stop(): Promise<void> {
    for (const child of [...this.running].reverse()) await child.stop();
  }
}
