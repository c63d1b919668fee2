import { readdirSync, readFileSync } from 'node:fs';
import { monotonicMs } from './clock';

/** Who used the machine's cores during a phase: the service, its database and broker, the bench itself. */
export const PROCESS_GROUPS = ['service', 'postgres', 'kafka', 'bench', 'registry', 'other'] as const;
export type ProcessGroup = (typeof PROCESS_GROUPS)[number];

export interface ProcessCpuSnapshot {
  readonly at: number;
  readonly byPid: ReadonlyMap<number, { readonly group: ProcessGroup; readonly ms: number }>;
}

// /proc reports CPU time in USER_HZ ticks, which Linux fixes at 100 per second for user space.
const MS_PER_TICK = 10;
const groups = new Map<number, ProcessGroup>();

/**
 * CPU time so far of every process on the machine, grouped (Linux /proc; null elsewhere). On a
 * 2-core machine the bench's own client, Kafka and PostgreSQL share the cores with the service, so
 * a per-order figure for each says what a target leaves for the service. The service's processes
 * (one per instance) are named by their pids.
 */
export function processCpuSnapshot(servicePids: number | readonly (number | undefined)[] | undefined): ProcessCpuSnapshot | null {
  const service = new Set((Array.isArray(servicePids) ? servicePids : [servicePids]).filter((pid): pid is number => pid !== undefined));
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return null;
  }
  const byPid = new Map<number, { group: ProcessGroup; ms: number }>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      byPid.set(pid, { group: service.has(pid) ? 'service' : groupOf(pid), ms: ticks * MS_PER_TICK });
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return { at: monotonicMs(), byPid };
}

/** Per group: CPU milliseconds used between two snapshots (a process started meanwhile counts from zero). */
export function cpuMsByGroup(start: ProcessCpuSnapshot, end: ProcessCpuSnapshot): Record<ProcessGroup, number> {
  const used = Object.fromEntries(PROCESS_GROUPS.map((g) => [g, 0])) as Record<ProcessGroup, number>;
  for (const [pid, now] of end.byPid) used[now.group] += now.ms - (start.byPid.get(pid)?.ms ?? 0);
  return used;
}

function groupOf(pid: number): ProcessGroup {
  if (pid === process.pid) return 'bench';
  const known = groups.get(pid);
  if (known) return known;
  const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  const cmdline = comm === 'java' ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  const group: ProcessGroup =
    comm === 'postgres'
      ? 'postgres'
      : cmdline.includes('kafka.Kafka')
        ? 'kafka'
        : cmdline.includes('apicurio') || cmdline.includes('quarkus')
          ? 'registry'
          : 'other';
  groups.set(pid, group);
  return group;
}

/** CPU ms per order, per group, as "service / postgres / kafka / bench / rest" for a report row. */
export function perOrderRow(used: Record<ProcessGroup, number>, orders: number): string {
  const ms = (v: number) => (v / orders).toFixed(2);
  return [used.service, used.postgres, used.kafka, used.bench, used.registry + used.other].map(ms).join(' / ');
}

export function totalMs(used: Record<ProcessGroup, number>): number {
  return PROCESS_GROUPS.reduce((sum, g) => sum + used[g], 0);
}
