/**
 * Generous on purpose: a wait that succeeds returns the moment it does, so the deadline only
 * decides how long a genuine failure takes to report. CI machines run the same suites up to
 * twice as slowly as a developer's, under the whole stack's load.
 */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Polls until `probe` returns a value (not undefined) or the deadline passes. Integration tests
 * wait on real systems with this instead of sleeping for a guessed duration.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 100, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const detail = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${detail}`);
}
