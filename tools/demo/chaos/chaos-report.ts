import type { DayFacts } from '../day/day-facts';
import { percentile, type Invariant } from '../day/day-summary';
import type { InstanceEnd, InstanceEvent } from '../hub/supervisor';
import type { LagSample } from '../hub/consumer-lag.sampler';
import { describeFault } from './fault-schedule';
import type { FaultRecord } from './fault.injector';

export interface ChaosRun {
  readonly trafficStartedAt: number;
  readonly records: readonly FaultRecord[];
  readonly instanceEvents: readonly InstanceEvent[];
  readonly lag: readonly LagSample[];
  readonly facts: Pick<DayFacts, 'channelOrders' | 'outcomes'>;
  /** How each instance ended when the run stopped the hub. */
  readonly ends: readonly InstanceEnd[];
  /** After the day settled: every instance answering ready, and the services' consumer groups' lag. */
  readonly atEnd: { readonly allReady: boolean; readonly lag: number | null };
}

export interface FaultRecovery {
  readonly line: string;
  /** The instance, broker, database or registry back (ms after the hit); null if it never was. */
  readonly backAfterMs: number | null;
  /** Every instance answering ready again (ms after the hit). */
  readonly hubReadyAfterMs: number | null;
  readonly peakLag: number | null;
  readonly error: string | null;
}

/** An instance killed or stopped by a fault ends within this long of the hit; any other end is a crash. */
const FAULT_EXIT_WINDOW_MS = 60_000;
const LAG_WINDOW_MS = 60_000;
/** After a dependency is back, clients still find out (a kafkajs retry loop giving up) for this long. */
const DEPENDENCY_SETTLE_MS = 30_000;
/** Messages still unread when the day has settled: periodic work (availability's republishing) may be in flight. */
const END_LAG_TOLERANCE = 10;

/** Per fault: when it hit, how long until what it took down was back and every instance ready, the peak consumer lag after it. */
export function faultRecoveries(run: ChaosRun): FaultRecovery[] {
  return run.records.map((record) => {
    const { fault } = record;
    let backAt = record.endedAt;
    if (fault.kind === 'kill-instance' || fault.kind === 'stop-instance') {
      backAt =
        run.instanceEvents.find((e) => e.kind === 'ready' && e.service === fault.service && e.instance === fault.instance && e.at > record.hitAt)?.at ?? null;
    }
    let peak: number | null = null;
    for (const s of run.lag) if (s.at >= record.hitAt && s.at <= record.hitAt + LAG_WINDOW_MS && s.messages !== null) peak = Math.max(peak ?? 0, s.messages);
    return {
      line: describeFault({ ...fault, atMs: record.hitAt - run.trafficStartedAt }),
      backAfterMs: backAt === null ? null : backAt - record.hitAt,
      hubReadyAfterMs: record.hubReadyAt === null ? null : record.hubReadyAt - record.hitAt,
      peakLag: peak,
      error: record.error,
    };
  });
}

/**
 * Instance ends no fault explains: a service that died on its own. An instance ended by a kill or
 * stop is explained; so is one that ended while the broker, the database or the registry was down
 * (a service that cannot reach Kafka at start, or whose consumer Kafka gave up on, exits 1 to be
 * restarted, as a pod crash-loops until its dependency is back) — those are counted apart.
 */
export function unplannedExits(run: Pick<ChaosRun, 'records' | 'instanceEvents'>): InstanceEvent[] {
  return run.instanceEvents.filter((e) => e.kind === 'exited' && !killedOrStopped(run.records, e) && !whileDependencyDown(run.records, e));
}

/** Instance ends while the broker, database or registry was down (crash-loop restarts). */
export function exitsWhileDependencyDown(run: Pick<ChaosRun, 'records' | 'instanceEvents'>): InstanceEvent[] {
  return run.instanceEvents.filter((e) => e.kind === 'exited' && !killedOrStopped(run.records, e) && whileDependencyDown(run.records, e));
}

function killedOrStopped(records: readonly FaultRecord[], e: InstanceEvent): boolean {
  return records.some((r) => {
    const f = r.fault;
    const window = e.at >= r.hitAt && e.at <= r.hitAt + FAULT_EXIT_WINDOW_MS;
    return (f.kind === 'kill-instance' || f.kind === 'stop-instance') && window && f.service === e.service && f.instance === e.instance;
  });
}

function whileDependencyDown(records: readonly FaultRecord[], e: InstanceEvent): boolean {
  return records.some((r) => {
    const kind = r.fault.kind;
    if (kind !== 'kill-broker' && kind !== 'restart-database' && kind !== 'registry-down') return false;
    return e.at >= r.hitAt && e.at <= (r.endedAt ?? Number.POSITIVE_INFINITY) + DEPENDENCY_SETTLE_MS;
  });
}

/** Order latency (channel event → first acceptance) of orders whose event came while a fault was open, and of the others. */
export function latencyAroundFaults(run: Pick<ChaosRun, 'records' | 'facts'>): { during: number[]; outside: number[] } {
  const accepted = new Map<string, number>();
  for (const o of run.facts.outcomes) if (o.kind === 'ACCEPTED' && !accepted.has(o.orderId)) accepted.set(o.orderId, o.at);
  const windows = run.records.map((r) => [r.hitAt, r.hubReadyAt ?? r.endedAt ?? r.hitAt] as const);
  const during: number[] = [];
  const outside: number[] = [];
  const seen = new Set<string>();
  for (const order of run.facts.channelOrders) {
    const at = accepted.get(order.orderId);
    if (at === undefined || seen.has(order.orderId)) continue;
    seen.add(order.orderId);
    (windows.some(([from, to]) => order.at >= from && order.at <= to) ? during : outside).push(at - order.at);
  }
  return { during, outside };
}

/** The chaos run's own invariants, on top of the day's. */
export function chaosInvariants(run: ChaosRun, recoveries: readonly FaultRecovery[]): Invariant[] {
  const failed = recoveries.filter((r) => r.error !== null || r.backAfterMs === null || r.hubReadyAfterMs === null);
  const crashes = unplannedExits(run);
  const unclean = run.ends.filter((e) => e.code !== 0);
  return [
    {
      name: 'every fault recovered from',
      ok: failed.length === 0,
      detail:
        failed.length === 0
          ? `${recoveries.length} faults, each followed by every instance ready again`
          : `${failed.length} of ${recoveries.length} not: ${failed.map((r) => `${r.line}${r.error ? ` (${r.error})` : ''}`).join('; ')}`,
    },
    {
      name: 'no instance ended that a fault did not end',
      ok: crashes.length === 0,
      detail:
        crashes.length === 0
          ? `${run.instanceEvents.filter((e) => e.kind === 'exited').length} instance ends, each a fault's (${exitsWhileDependencyDown(run).length} of them restarts while the broker, database or registry was down)`
          : crashes
              .map((e) => `${e.service}#${e.instance} exited ${e.kind === 'exited' ? e.code : ''} at t+${((e.at - run.trafficStartedAt) / 1000).toFixed(1)}s`)
              .join('; '),
    },
    {
      name: 'every instance ready and every consumer group caught up at the end',
      ok: run.atEnd.allReady && run.atEnd.lag !== null && run.atEnd.lag <= END_LAG_TOLERANCE,
      detail: `${run.atEnd.allReady ? 'every instance ready' : 'some instance not ready'}, consumer lag ${run.atEnd.lag ?? 'unknown'} messages`,
    },
    {
      name: 'every instance stopped cleanly',
      ok: unclean.length === 0 && run.ends.length > 0,
      detail:
        unclean.length === 0
          ? `${run.ends.length} instances exited 0 on SIGTERM`
          : unclean.map((e) => `${e.service}#${e.instance} exited ${e.code ?? 'by a signal'}`).join('; '),
    },
  ];
}

/** The report printed after the day's summary. */
export function formatChaosReport(run: ChaosRun, recoveries: readonly FaultRecovery[], invariants: readonly Invariant[]): string {
  const seconds = (ms: number | null) => (ms === null ? 'never' : Number.isNaN(ms) ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
  const { during, outside } = latencyAroundFaults(run);
  const peak = run.lag.reduce<LagSample | null>((best, s) => (s.messages !== null && (best === null || s.messages > (best.messages ?? -1)) ? s : best), null);
  const width = Math.max(...recoveries.map((r) => r.line.length));
  const lines = [
    '',
    '=== Crossdock chaos: faults and recovery ===',
    ...recoveries.map(
      (r) =>
        `${r.line.padEnd(width)} | back after ${seconds(r.backAfterMs)}, every instance ready after ${seconds(r.hubReadyAfterMs)}, ${r.peakLag == null ? 'lag not sampled meanwhile' : `peak lag ${r.peakLag} messages`}${r.error ? ` | FAILED: ${r.error}` : ''}`,
    ),
    `peak consumer lag          ${peak ? `${peak.messages} messages at t+${((peak.at - run.trafficStartedAt) / 1000).toFixed(0)}s` : 'not sampled'}`,
    `order latency, faults open p50 ${seconds(percentile(during, 50))}, p99 ${seconds(percentile(during, 99))} (${during.length} orders)`,
    `order latency, otherwise   p50 ${seconds(percentile(outside, 50))}, p99 ${seconds(percentile(outside, 99))} (${outside.length} orders)`,
    '',
    'chaos invariants:',
    ...invariants.map((i) => `  ${i.ok ? 'PASS' : 'FAIL'}  ${i.name}: ${i.detail}`),
  ];
  return lines.join('\n');
}
