import { SeededRandom } from '@crossdock/connectors/simulators';

/** One fault of a chaos run; `atMs` counts from the start of the day's traffic. */
export type Fault =
  | { readonly atMs: number; readonly kind: 'kill-instance'; readonly service: string; readonly instance: number }
  | { readonly atMs: number; readonly kind: 'stop-instance'; readonly service: string; readonly instance: number }
  | { readonly atMs: number; readonly kind: 'kill-broker'; readonly downMs: number }
  | { readonly atMs: number; readonly kind: 'restart-database' }
  | { readonly atMs: number; readonly kind: 'registry-down'; readonly downMs: number }
  | { readonly atMs: number; readonly kind: 'slow-erp'; readonly latencyMs: number; readonly durationMs: number }
  | { readonly atMs: number; readonly kind: 'rebalance'; readonly service: string; readonly keptMs: number };

export type FaultKind = Fault['kind'];

export interface ScheduleInput {
  readonly seed: number;
  /** Length of the day's traffic. */
  readonly durationMs: number;
  /** The hub's services, each running `instances` instances numbered from 1. */
  readonly services: readonly string[];
  readonly instances: number;
  /** The day's own ERP outage, which the schedule leaves to itself (no other ERP fault inside it). */
  readonly erpOutage: { readonly fromMs: number; readonly toMs: number };
  /** `short`: every fault kind once, stack faults shorter (CI); `full`: an instance kill per service and more. */
  readonly profile: 'short' | 'full';
}

/**
 * The faults of a chaos run, from its seed (`CHAOS_SEED`): the same seed and day give the same
 * schedule, printed before the run, so a failure can be replayed. Every kind appears at least once:
 * SIGKILL of an instance of each service (`full`; a third of them in `short`) at random moments,
 * SIGTERM of others, the Kafka broker SIGKILLed and restarted, PostgreSQL restarted, the registry
 * down, the ERP slow, and a rebalance from an instance added then removed mid-burst. Stack faults
 * (broker, database, registry) get windows of their own, so each one's recovery is measured alone;
 * the day's ERP outage is in its script.
 */
export function planFaults(input: ScheduleInput): Fault[] {
  const random = new SeededRandom(input.seed);
  const d = input.durationMs;
  const short = input.profile === 'short';
  const at = (from: number, to: number) => Math.round(d * from + random.next() * d * (to - from));
  const anyInstance = () => random.int(1, input.instances);
  const faults: Fault[] = [];

  // Stack faults, one per window. Full: the broker early (mid-promotion in the demo's day), the
  // database after, the registry last. Short: the broker last, because on two cores the hub needs
  // most of a minute to recover from it, and a one-minute day's other faults, the ERP outage among
  // them, must still meet live traffic rather than a stalled hub.
  if (short) {
    faults.push({ atMs: at(0.1, 0.18), kind: 'restart-database' });
    faults.push({ atMs: at(0.22, 0.3), kind: 'registry-down', downMs: 15_000 });
    faults.push({ atMs: at(0.72, 0.8), kind: 'kill-broker', downMs: 10_000 });
  } else {
    faults.push({ atMs: at(0.2, 0.3), kind: 'kill-broker', downMs: 15_000 });
    faults.push({ atMs: at(0.62, 0.7), kind: 'restart-database' });
    faults.push({ atMs: at(0.75, 0.8), kind: 'registry-down', downMs: 60_000 });
  }

  const killed = short ? input.services.filter((_s, i) => i % 3 === input.seed % 3) : input.services;
  for (const service of killed) faults.push({ atMs: at(0.05, 0.9), kind: 'kill-instance', service, instance: anyInstance() });
  const stopped = input.services.filter((s) => !killed.includes(s) || !short).filter(() => random.chance(short ? 0.34 : 0.5));
  for (const service of stopped.length > 0 ? stopped : [random.pick(input.services)]) {
    faults.push({ atMs: at(0.05, 0.9), kind: 'stop-instance', service, instance: anyInstance() });
  }

  const slowAt = at(0.1, 0.45);
  const slowFor = short ? 8_000 : 15_000;
  const clear = slowAt + slowFor < input.erpOutage.fromMs || slowAt > input.erpOutage.toMs;
  faults.push({ atMs: clear ? slowAt : Math.max(0, input.erpOutage.fromMs - slowFor - 1000), kind: 'slow-erp', latencyMs: 1500, durationMs: slowFor });
  faults.push({ atMs: at(0.3, 0.45), kind: 'rebalance', service: random.pick(input.services), keptMs: short ? 15_000 : 30_000 });

  return faults.sort((a, b) => a.atMs - b.atMs);
}

/** One line per fault, as printed before the run. */
export function describeFault(fault: Fault): string {
  const when = `t+${(fault.atMs / 1000).toFixed(1)}s`;
  switch (fault.kind) {
    case 'kill-instance':
      return `${when} SIGKILL ${fault.service}#${fault.instance}`;
    case 'stop-instance':
      return `${when} SIGTERM ${fault.service}#${fault.instance}`;
    case 'kill-broker':
      return `${when} SIGKILL the Kafka broker, restart after ${fault.downMs / 1000} s`;
    case 'restart-database':
      return `${when} restart PostgreSQL`;
    case 'registry-down':
      return `${when} schema registry down for ${fault.downMs / 1000} s`;
    case 'slow-erp':
      return `${when} ERP answers after ${fault.latencyMs} ms for ${fault.durationMs / 1000} s`;
    case 'rebalance':
      return `${when} one more ${fault.service} instance joins its consumer groups, leaves ${fault.keptMs / 1000} s later`;
  }
}
