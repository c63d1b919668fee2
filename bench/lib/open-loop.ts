import { monotonicMs, sleep } from './clock';

export interface OpenLoopRun {
  /** Scheduled send time (monotonic ms) of each item, by index. */
  readonly scheduledAt: readonly number[];
  readonly sendSeconds: number;
  readonly achievedPerSec: number;
}

/**
 * Open loop at `ratePerSec`: every 10 ms the items due are handed to `send` in one batch. Latency is
 * to be measured from each item's scheduled time (not its send time), so a lagging sender cannot
 * hide latency.
 */
export async function runOpenLoop(ratePerSec: number, total: number, send: (indices: readonly number[]) => Promise<unknown>): Promise<OpenLoopRun> {
  const scheduledAt: number[] = [];
  const started = monotonicMs();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((monotonicMs() - started) / 1000) * ratePerSec) + 1);
    const batch: number[] = [];
    for (; sent < due; sent++) {
      scheduledAt.push(started + (sent / ratePerSec) * 1000);
      batch.push(sent);
    }
    if (batch.length > 0) await send(batch);
    await sleep(10);
  }
  const sendSeconds = (monotonicMs() - started) / 1000;
  return { scheduledAt, sendSeconds, achievedPerSec: total / sendSeconds };
}
