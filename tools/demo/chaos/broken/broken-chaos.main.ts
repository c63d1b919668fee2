// `npm run chaos:broken -- <guarantee>`: shows that `npm run chaos` catches a broken delivery
// guarantee. Applies the guarantee's patch (tools/demo/chaos/broken/patches) to a throw-away checkout
// of HEAD, runs the chaos there (the guarantee's profile, the short one with a one-minute day or the
// full one, unless CHAOS_PROFILE, DEMO_SECONDS or DEMO_MINUTES say otherwise; CHAOS_SEED as for the
// chaos run), removes the checkout and exits 0 only when the run failed on an invariant expected to
// catch that breakage.
// Without an argument, lists the guarantees. The stack is the main checkout's (.stack) unless
// CROSSDOCK_STACK_DIR and the CROSSDOCK_*_PORT variables name another.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@crossdock/testing';
import { brokenGuarantee, BROKEN_GUARANTEES, PATCHES_DIR, type BrokenGuarantee } from './broken-guarantee.catalog';
import { judgeBrokenRun } from './chaos.verdict';
import { createPatchedCheckout } from './patched.checkout';

async function main(name: string | undefined): Promise<number> {
  const guarantee = name === undefined ? undefined : brokenGuarantee(name);
  if (!guarantee) {
    if (name !== undefined) console.error(`unknown guarantee '${name}'`);
    console.error('usage: npm run chaos:broken -- <guarantee>\n');
    for (const g of BROKEN_GUARANTEES) console.error(`  ${g.name}\n    ${g.breakage}\n    caught by: ${g.expected.join(' | ')} (${g.profile} schedule)\n`);
    return 2;
  }
  const began = Date.now();
  const checkout = createPatchedCheckout(REPO_ROOT, join(PATCHES_DIR, guarantee.patch));
  console.log(`[broken] ${guarantee.name}: ${guarantee.breakage}`);
  console.log(`[broken] ${guarantee.patch} applied to ${checkout.commit.slice(0, 7)} in ${checkout.dir}`);
  let exitCode: number | null = null;
  let output = '';
  try {
    ({ exitCode, output } = await runChaos(checkout.dir, guarantee.profile));
  } finally {
    checkout.remove();
  }
  const verdict = judgeBrokenRun(output, exitCode, guarantee.expected);
  console.log(`\n=== chaos with "${guarantee.name}" (${Math.round((Date.now() - began) / 1000)} s, chaos exit ${exitCode ?? 'by a signal'}) ===`);
  for (const line of verdict.expectedFailures) console.log(`  expected  ${line.line}`);
  for (const line of verdict.otherFailures) console.log(`  other     ${line.line}`);
  console.log(verdict.summary);
  return verdict.caught ? 0 : 1;
}

/** `npm run chaos` in the patched checkout, its output shown as it comes and kept for the verdict. */
function runChaos(dir: string, profile: BrokenGuarantee['profile']): Promise<{ exitCode: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SWC_NODE_PROJECT: 'tsconfig.base.json',
    CHAOS_PROFILE: process.env['CHAOS_PROFILE'] ?? profile,
    // Left to itself, the checkout's stack.sh would look for a stack under the checkout.
    CROSSDOCK_STACK_DIR: process.env['CROSSDOCK_STACK_DIR'] ?? join(REPO_ROOT, '.stack'),
  };
  // The short schedule's one-minute day (CI's); the full schedule keeps the demo's day.
  if (env['CHAOS_PROFILE'] === 'short' && env['DEMO_SECONDS'] === undefined && env['DEMO_MINUTES'] === undefined) env['DEMO_SECONDS'] = '60';
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/demo/chaos.main.ts'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      sink.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    // Ctrl-C reaches the chaos run too (same process group): the checkout is removed once the run has ended.
    process.on('SIGINT', () => undefined);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.once('exit', (code) => resolve({ exitCode: code, output }));
  });
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
