import { spawn } from 'node:child_process';

/** Bounded and reproducible: the same cases on every run, a few seconds per operation here. */
export const FUZZ_SEED = 20_261_207;
export const MAX_EXAMPLES = 25;

export interface FuzzResult {
  readonly service: string;
  readonly passed: boolean;
  readonly exitCode: number | null;
  readonly output: string;
}

/**
 * `schemathesis run <url>/docs-json --checks all` against one service: every operation its OpenAPI
 * document declares, every check. Any failed check, or an error schemathesis met (an unusable
 * document, a service that stopped answering), fails the run.
 */
export function fuzzService(executable: string, service: string, baseUrl: string, workDir: string): Promise<FuzzResult> {
  const args = [
    '--no-color',
    'run',
    `${baseUrl}/docs-json`,
    '--checks',
    'all',
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    String(FUZZ_SEED),
    '--workers',
    '1',
    '--request-timeout',
    '10',
    // Examples found failing elsewhere must not change what this run tries.
    '--generation-database',
    'none',
  ];
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(executable, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (exitCode) => resolve({ service, passed: exitCode === 0, exitCode, output }));
  });
}
