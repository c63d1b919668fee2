import { cpus } from 'node:os';
import { monotonicMs } from './clock';

export interface CpuSnapshot {
  readonly at: number;
  readonly process: NodeJS.CpuUsage;
  /** Non-idle time summed over all cores (user, nice, sys, irq), ms. */
  readonly machineBusyMs: number;
}

/** CPU use since a snapshot, in cores: 1.0 is one core fully busy. */
export interface CpuUse {
  /** This process (all its threads: V8's main thread, GC and libuv's pool). */
  readonly processCores: number;
  /** The whole machine, whoever used it; near the core count means everything is CPU-bound. */
  readonly machineCores: number;
}

export function cpuSnapshot(): CpuSnapshot {
  const machineBusyMs = cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq, 0);
  return { at: monotonicMs(), process: process.cpuUsage(), machineBusyMs };
}

export function cpuSince(start: CpuSnapshot, end: CpuSnapshot = cpuSnapshot()): CpuUse {
  const wallMs = end.at - start.at;
  const processMs = (end.process.user - start.process.user + end.process.system - start.process.system) / 1_000;
  return { processCores: processMs / wallMs, machineCores: (end.machineBusyMs - start.machineBusyMs) / wallMs };
}
