/** The run was asked to stop (Ctrl-C, or SIGTERM from a CI timeout or `kill`). */
export class InterruptedError extends Error {}

/**
 * Rejects when the process gets SIGINT or SIGTERM. Without it a signal ends the parent at once and
 * leaves every service instance it started running; raced against the run, it turns the signal
 * into the run's own failure, so the run's cleanup stops the services and drops the day's data.
 */
export function interruption(): Promise<never> {
  const interrupted = new Promise<never>((_, reject) => {
    const onSignal = (signal: NodeJS.Signals) => reject(new InterruptedError(`stopped by ${signal}`));
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  // Nobody may be racing it yet when the signal comes; the racers see the rejection themselves.
  interrupted.catch(() => undefined);
  return interrupted;
}

/** Launches while watching for a stop signal; a signal during the launch stops what it started. */
export async function launchUnlessInterrupted<T extends { stop(): Promise<unknown> }>(launching: Promise<T>, interrupted: Promise<never>): Promise<T> {
  try {
    return await Promise.race([launching, interrupted]);
  } catch (error) {
    if (error instanceof InterruptedError) await (await launching.catch(() => undefined))?.stop();
    throw error;
  }
}
