import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');

/**
 * `stack.sh up` starts whatever is down and waits for health; on a running stack it returns in
 * well under a second. Its progress goes to stderr so the benchmark's stdout stays the report.
 */
export function ensureStack(timeoutMs = 15 * 60_000): void {
  execFileSync('bash', ['infra/stack/stack.sh', 'up'], { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, process.stderr], timeout: timeoutMs });
}
