import { ServiceProcess } from '@crossdock/testing';
import { FrontDoor } from './front-door';
import { formatLogLine } from './log-line.format';

export interface SupervisedService {
  readonly name: string;
  readonly port: number;
  readonly env: Record<string, string>;
}

/** What happened to an instance, for a fault run's report. */
export type InstanceEvent =
  | { readonly kind: 'exited'; readonly service: string; readonly instance: number; readonly code: number | null; readonly at: number }
  | { readonly kind: 'ready'; readonly service: string; readonly instance: number; readonly startedAt: number; readonly at: number };

export interface SupervisorOptions {
  readonly readyTimeoutMs?: number;
  /** Where prefixed service output goes (default: stdout). */
  readonly write?: (line: string) => void;
  /** Service log lines are dropped unless this says to keep them (the demo keeps warnings only). */
  readonly keepLine?: (line: string) => boolean;
  /**
   * Instances per service (default 1: the instance takes the service's port). With more, a front
   * door holds the service's port and instance k listens on port + 100 × k.
   */
  readonly instances?: number;
  /**
   * Restart an instance that ends without being asked to, after this many ms, as an orchestrator
   * restarts a pod; null (default): the first such end stops everything (`deathWatch`).
   */
  readonly restartAfterMs?: number | null;
  readonly onInstanceEvent?: (event: InstanceEvent) => void;
}

/** How an instance ended when the supervisor stopped it (code 0: a clean graceful stop). */
export interface InstanceEnd {
  readonly service: string;
  readonly instance: number;
  readonly code: number | null;
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

interface Instance {
  readonly spec: SupervisedService;
  readonly index: number;
  readonly port: number;
  process: ServiceProcess;
  ready: boolean;
  /** Removed on purpose (scale-in, shutdown): not restarted. */
  retired: boolean;
}

/**
 * One parent for all hub services: starts them in order, each waiting for /health/ready, prefixes
 * their log lines with the service name (and instance), and stops all of them (SIGTERM, in reverse
 * order) when asked. An instance that ends unasked either stops everything (the demo, `npm start`)
 * or is restarted (a fault run, `restartAfterMs`).
 */
export class Supervisor {
  private readonly instances: Instance[] = [];
  private readonly frontDoors = new Map<string, FrontDoor>();
  private readonly died: Promise<ServiceDiedError>;
  private reportDeath: (error: ServiceDiedError) => void = () => undefined;
  private readonly width: number;
  private stopping = false;

  constructor(
    private readonly services: readonly SupervisedService[],
    private readonly options: SupervisorOptions = {},
  ) {
    this.died = new Promise((resolve) => (this.reportDeath = resolve));
    const suffix = (options.instances ?? 1) > 1 ? 2 : 0;
    this.width = Math.max(...services.map((s) => s.name.length)) + suffix;
  }

  /** Rejects with ServiceDiedError naming the first service that dies (never resolves otherwise). */
  deathWatch(): Promise<never> {
    return this.died.then((error) => Promise.reject(error));
  }

  /** The service's URL: its front door when it runs several instances, else its one instance. */
  baseUrl(service: string): string {
    this.spec(service);
    const door = this.frontDoors.get(service);
    if (door) return `http://127.0.0.1:${door.port}`;
    return this.live(service)[0]?.process.baseUrl ?? `http://127.0.0.1:${this.spec(service).port}`;
  }

  /** Whether every live instance answers /health/ready with 200 right now (Kafka, database, registry reachable). */
  async allAnswerReady(): Promise<boolean> {
    const answers = await Promise.all(
      this.instances
        .filter((i) => !i.retired)
        .map((i) =>
          fetch(`${i.process.baseUrl}/health/ready`, { signal: AbortSignal.timeout(2000) }).then(
            (r) => r.status === 200,
            () => false,
          ),
        ),
    );
    return answers.every(Boolean);
  }

  /** Sum of a metric over the service's ready instances (a restarted instance counts from zero). */
  async metricTotal(service: string, name: string): Promise<number> {
    const values = await Promise.all(
      this.live(service)
        .filter((i) => i.ready)
        .map((i) => i.process.metric(name).catch(() => Number.NaN)),
    );
    const known = values.filter((v) => !Number.isNaN(v));
    return known.length === 0 ? Number.NaN : known.reduce((sum, v) => sum + v, 0);
  }

  async start(): Promise<void> {
    const count = this.options.instances ?? 1;
    for (const spec of this.services) {
      for (let index = 1; index <= count; index++) await this.launch(spec, index, count === 1 ? spec.port : spec.port + 100 * index);
      if (count > 1) {
        const door = new FrontDoor(spec.port, () =>
          this.live(spec.name)
            .filter((i) => i.ready)
            .map((i) => i.process.baseUrl),
        );
        await door.start();
        this.frontDoors.set(spec.name, door);
      }
    }
  }

  /**
   * Sends a signal to one instance and resolves with its exit code once it has ended (SIGKILL after
   * `graceMs` when given, as Kubernetes ends a pod that outlives its grace period). It ended unasked,
   * so it is restarted (or stops everything).
   */
  async signal(service: string, instance: number, signal: NodeJS.Signals, graceMs?: number): Promise<number | null> {
    const target = this.live(service).find((i) => i.index === instance);
    if (!target) throw new Error(`${service} has no instance ${instance}`);
    target.ready = false;
    const child = target.process;
    child.signal(signal);
    const timer = graceMs === undefined ? undefined : setTimeout(() => child.signal('SIGKILL'), graceMs);
    const code = await child.ended();
    clearTimeout(timer);
    return code;
  }

  /**
   * Starts one more instance of the service (a scale-out) and resolves when it is ready. One that
   * ends while starting (Kafka unreachable, say) is restarted like any other, and waited for.
   */
  async addInstance(service: string, readyWithinMs = 300_000): Promise<number> {
    const spec = this.spec(service);
    const index = Math.max(0, ...this.instances.filter((i) => i.spec.name === service).map((i) => i.index)) + 1;
    try {
      await this.launch(spec, index, spec.port + 100 * index);
    } catch (error) {
      if ((this.options.restartAfterMs ?? null) === null) throw error;
      const instance = this.live(service).find((i) => i.index === index);
      const deadline = Date.now() + readyWithinMs;
      while (!instance?.ready) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    return index;
  }

  /** Stops one instance for good (a scale-in: SIGTERM, graceful). */
  async removeInstance(service: string, instance: number): Promise<void> {
    const target = this.live(service).find((i) => i.index === instance);
    if (!target) throw new Error(`${service} has no instance ${instance}`);
    target.retired = true;
    target.ready = false;
    await target.process.stop();
  }

  /** Stops everything; how each instance that was still running ended (0: a clean graceful stop). */
  async stop(): Promise<InstanceEnd[]> {
    this.stopping = true;
    for (const door of this.frontDoors.values()) await door.stop();
    const ends: InstanceEnd[] = [];
    for (const instance of [...this.instances].reverse()) {
      const wasRunning = !instance.retired;
      instance.retired = true;
      await instance.process.stop();
      if (wasRunning) ends.push({ service: instance.spec.name, instance: instance.index, code: await instance.process.ended() });
    }
    return ends;
  }

  private spec(service: string): SupervisedService {
    const spec = this.services.find((s) => s.name === service);
    if (!spec) throw new Error(`${service} is not supervised`);
    return spec;
  }

  private live(service: string): Instance[] {
    return this.instances.filter((i) => i.spec.name === service && !i.retired);
  }

  private async launch(spec: SupervisedService, index: number, port: number): Promise<void> {
    const instance: Instance = { spec, index, port, process: this.spawn(spec, index, port), ready: false, retired: false };
    this.instances.push(instance);
    await this.awaitReady(instance);
  }

  private spawn(spec: SupervisedService, index: number, port: number): ServiceProcess {
    const write = this.options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    const name = (this.options.instances ?? 1) > 1 ? `${spec.name}#${index}` : spec.name;
    const prefix = `[${name.padEnd(this.width)}]`;
    // Each span names the instance that made it (service.instance.id), as a pod name would.
    const child = new ServiceProcess(spec.name, { ...spec.env, SERVICE_INSTANCE_ID: `${spec.name}-${index}` }, port, {
      output: (line) => {
        if (this.options.keepLine === undefined || this.options.keepLine(line)) write(`${prefix} ${formatLogLine(line)}`);
      },
    });
    child.start();
    return child;
  }

  private async awaitReady(instance: Instance): Promise<void> {
    const write = this.options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
    const child = instance.process;
    void child.unexpectedExit().then((code) => this.ended(instance, child, code));
    const startedAt = Date.now();
    await Promise.race([child.waitReady(this.options.readyTimeoutMs ?? 300_000), this.deathWatch()]);
    if (child !== instance.process || instance.retired) return;
    instance.ready = true;
    this.options.onInstanceEvent?.({ kind: 'ready', service: instance.spec.name, instance: instance.index, startedAt, at: Date.now() });
    const name = (this.options.instances ?? 1) > 1 ? `${instance.spec.name}#${instance.index}` : instance.spec.name;
    write(`[${name.padEnd(this.width)}] ready on ${child.baseUrl} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  }

  private ended(instance: Instance, child: ServiceProcess, code: number | null): void {
    instance.ready = false;
    this.options.onInstanceEvent?.({ kind: 'exited', service: instance.spec.name, instance: instance.index, code, at: Date.now() });
    const restartAfterMs = this.options.restartAfterMs ?? null;
    if (restartAfterMs === null) {
      this.reportDeath(new ServiceDiedError(instance.spec.name, code));
      return;
    }
    if (this.stopping || instance.retired || child !== instance.process) return;
    setTimeout(() => {
      if (this.stopping || instance.retired) return;
      instance.process = this.spawn(instance.spec, instance.index, instance.port);
      const restarted = instance.process;
      // Ended again while starting: `ended` restarts it once more. Alive but never ready: a real failure.
      this.awaitReady(instance).catch(async () => {
        const exited = await Promise.race([restarted.ended(), new Promise<'alive'>((resolve) => setTimeout(() => resolve('alive'), 100))]);
        if (exited === 'alive') this.reportDeath(new ServiceDiedError(instance.spec.name, null));
      });
    }, restartAfterMs);
  }
}
