import { execFileSync } from 'node:child_process';
import { REPO_ROOT } from '@crossdock/testing';

/**
 * The local native stack, unless told otherwise: `stack.sh up` (idempotent, under a second when it
 * runs) and its connection settings for every variable the caller did not set, so any of them
 * (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, DATABASE_URL_<SERVICE>, ...) can point elsewhere.
 * CROSSDOCK_SKIP_STACK_UP=1 skips `up` (infrastructure managed elsewhere).
 */
export function loadStackEnv(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.error): void {
  const stack = 'infra/stack/stack.sh';
  if (env['CROSSDOCK_SKIP_STACK_UP'] !== '1') {
    log('[hub] bash infra/stack/stack.sh up');
    execFileSync('bash', [stack, 'up'], { cwd: REPO_ROOT, stdio: ['ignore', process.stderr, process.stderr] });
  }
  const exports = execFileSync('bash', [stack, 'env'], { cwd: REPO_ROOT, encoding: 'utf8' });
  for (const line of exports.split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && env[match[1]] === undefined) env[match[1]] = (match[2] ?? '').replace(/^['"]|['"]$/g, '');
  }
}

/** `npm run contracts:apply` then `npm run db -- migrate`, against the same environment. */
export function prepareBackbone(env: NodeJS.ProcessEnv = process.env, log: (line: string) => void = console.error): void {
  for (const args of [
    ['run', '--silent', 'contracts:apply'],
    ['run', '--silent', 'db', '--', 'migrate'],
  ]) {
    log(`[hub] npm ${args.join(' ')}`);
    const output = execFileSync('npm', args, { cwd: REPO_ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const last = output.trim().split('\n').slice(-1)[0];
    if (last) log(`[hub]   ${last}`);
  }
}
