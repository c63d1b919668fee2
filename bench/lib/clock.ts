/**
 * Milliseconds on CLOCK_MONOTONIC (process.hrtime). On Linux that clock is shared by every process
 * on the machine, so a timestamp taken in the producer process can be subtracted from one taken in
 * the forked consumer: sub-microsecond resolution, and immune to NTP steps that would skew Date.now().
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Rejects after `ms` with `message`, so no wait in a benchmark can hang the run. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message()} (timed out after ${Math.round(ms / 1000)} s)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
