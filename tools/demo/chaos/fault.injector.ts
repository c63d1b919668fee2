import type { Supervisor } from '../hub/supervisor';
import { describeFault, type Fault } from './fault-schedule';
import type { StackControl } from './stack.control';

/** What the slow-ERP fault needs of the ERP simulator. */
export interface ErpLatency {
  readonly latencyMs: number;
  configure(change: { latencyMs: number }): void;
}

export interface FaultTargets {
  readonly supervisor: Supervisor;
  readonly stack: StackControl;
  readonly erp: ErpLatency;
}

/** A fault as it happened: when it hit, when its own action was over, when every instance answered ready again. */
export interface FaultRecord {
  readonly fault: Fault;
  readonly hitAt: number;
  /** The broker, database or registry healthy again, the slow ERP fast again, the extra instance gone. */
  endedAt: number | null;
  /** Every instance of every service answering /health/ready after the fault ended. */
  hubReadyAt: number | null;
  error: string | null;
}

/** Kubernetes' default terminationGracePeriodSeconds: SIGKILL after it. */
const TERMINATION_GRACE_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays a fault schedule against the running hub: each fault at its time after the traffic started,
 * its follow-up (restart, recovery) in the background so later faults keep their times. Instance
 * faults are restarted by the supervisor (`restartAfterMs`), as an orchestrator restarts a pod.
 */
export class FaultInjector {
  readonly records: FaultRecord[] = [];
  private readonly pending: Promise<void>[] = [];

  constructor(
    private readonly faults: readonly Fault[],
    private readonly targets: FaultTargets,
    private readonly log: (line: string) => void,
  ) {}

  /** Resolves when every fault has hit and ended (or failed to), and the hub answered ready after it. */
  async play(trafficStartedAt: number): Promise<FaultRecord[]> {
    for (const fault of this.faults) {
      await sleep(Math.max(0, trafficStartedAt + fault.atMs - Date.now()));
      const record: FaultRecord = { fault, hitAt: Date.now(), endedAt: null, hubReadyAt: null, error: null };
      this.records.push(record);
      this.log(`[chaos] ${describeFault(fault)}`);
      this.pending.push(
        this.hit(fault)
          .then(async () => {
            record.endedAt = Date.now();
            record.hubReadyAt = await this.hubReady();
          })
          .catch((error: unknown) => {
            record.error = error instanceof Error ? error.message : String(error);
            this.log(`[chaos] ${describeFault(fault)} failed: ${record.error}`);
          }),
      );
    }
    await Promise.all(this.pending);
    return this.records;
  }

  private async hit(fault: Fault): Promise<void> {
    const { supervisor, stack, erp } = this.targets;
    switch (fault.kind) {
      case 'kill-instance':
        await supervisor.signal(fault.service, fault.instance, 'SIGKILL');
        return;
      case 'stop-instance': {
        const code = await supervisor.signal(fault.service, fault.instance, 'SIGTERM', TERMINATION_GRACE_MS);
        if (code !== 0) this.log(`[chaos] ${fault.service}#${fault.instance} did not stop cleanly on SIGTERM (exit ${code ?? 'by a signal'})`);
        return;
      }
      case 'kill-broker':
        stack.kill('kafka');
        await sleep(fault.downMs);
        await stack.start('kafka');
        return;
      case 'restart-database':
        await stack.stop('postgres');
        await stack.start('postgres');
        return;
      case 'registry-down':
        await stack.stop('registry');
        await sleep(fault.downMs);
        await stack.start('registry');
        return;
      case 'slow-erp': {
        const before = erp.latencyMs;
        erp.configure({ latencyMs: fault.latencyMs });
        await sleep(fault.durationMs);
        erp.configure({ latencyMs: before });
        return;
      }
      case 'rebalance': {
        const added = await supervisor.addInstance(fault.service);
        this.log(`[chaos] ${fault.service}#${added} joined`);
        await sleep(fault.keptMs);
        await supervisor.removeInstance(fault.service, added);
        this.log(`[chaos] ${fault.service}#${added} left`);
        return;
      }
    }
  }

  /** When every instance answers ready (polled every 500 ms, for at most 5 minutes). */
  private async hubReady(): Promise<number | null> {
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      if (await this.targets.supervisor.allAnswerReady()) return Date.now();
      await sleep(500);
    }
    return null;
  }
}
