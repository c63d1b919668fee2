import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@crossdock/testing';

const services = (JSON.parse(readFileSync(join(REPO_ROOT, 'infra/services.json'), 'utf8')) as { services: { name: string }[] }).services.map((s) => s.name);

/**
 * The API fuzz run as CI runs it: every service's OpenAPI document against the service, on the
 * real stack, in a topic namespace and databases of its own (api-fuzz.main.ts). Every check must
 * pass on every service.
 */
describe('API fuzz run (schemathesis against every /docs-json)', () => {
  let output = '';
  let exitCode: number | null = null;

  beforeAll(async () => {
    exitCode = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/api-fuzz/api-fuzz.main.ts'], {
        cwd: REPO_ROOT,
        // The jest global setup brought the stack up and exported its settings.
        env: { ...process.env, CROSSDOCK_SKIP_STACK_UP: '1', SWC_NODE_PROJECT: 'tsconfig.base.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => resolve(code));
    });
  }, 400_000);

  afterAll(() => {
    if (exitCode !== 0) console.log(output);
  });

  it.each(services)('%s: every check passes on every operation of its document', (service) => {
    expect(output).toMatch(new RegExp(`\\[api-fuzz\\] ${service}: PASSED`));
  });

  it('exits 0', () => {
    expect(output).toContain('API FUZZ PASSED');
    expect(exitCode).toBe(0);
  });
});
