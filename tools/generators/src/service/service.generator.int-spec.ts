import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

/** The checkout as git sees it (tracked and untracked, not ignored), copied, with node_modules linked. */
function scratchCopy(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'crossdock-generator-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(root, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(scratch, file)), { recursive: true });
    copyFileSync(join(root, file), join(scratch, file));
  }
  symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'));
  return scratch;
}

function fingerprints(dir: string): Map<string, string> {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  return new Map(
    files
      .filter((f) => existsSync(join(dir, f)))
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}

function run(cwd: string, command: string, args: string[]): string {
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // The scratch copy uses this checkout's running stack instead of starting its own on the same ports.
    env: {
      ...process.env,
      CROSSDOCK_STACK_DIR: process.env['CROSSDOCK_STACK_DIR'] ?? join(root, '.stack'),
      NX_DAEMON: 'false',
      NX_SKIP_NX_CACHE: 'true',
      CI: 'true',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('npx nx g @crossdock/tools:service', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = scratchCopy();
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('makes a service that passes lint, typecheck, unit and integration tests with no hand edits, touching only the manifest and the path alias of its domain lib', () => {
    const before = fingerprints(scratch);
    run(scratch, 'npx', ['nx', 'g', '@crossdock/tools:service', 'demo-probe']);

    const changed = [...before].filter(([file, hash]) => fingerprints(scratch).get(file) !== hash).map(([file]) => file);
    expect(changed).toEqual(['infra/services.json', 'tsconfig.base.json']);
    const tsconfig = JSON.parse(readFileSync(join(scratch, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } };
    expect(tsconfig.compilerOptions.paths['@crossdock/demo-probe/domain']).toEqual(['libs/demo-probe/domain/src/index.ts']);
    const manifest = JSON.parse(readFileSync(join(scratch, 'infra/services.json'), 'utf8')) as { services: Array<{ name: string }> };
    expect(manifest.services.at(-1)).toMatchObject({ name: 'demo-probe', database: 'demo_probe', scope: 'demo-probe' });
    expect(existsSync(join(scratch, 'apps/demo-probe/prisma/migrations/migration_lock.toml'))).toBe(true);

    try {
      run(scratch, 'npx', [
        'nx',
        'run-many',
        '-p',
        'demo-probe',
        'demo-probe-domain',
        '-t',
        'lint',
        'typecheck',
        'test',
        'integration',
        '--parallel=1',
        '--outputStyle=static',
      ]);
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`the generated service fails its checks:\n${(stdout ?? '').slice(-6000)}\n${(stderr ?? '').slice(-3000)}`);
    }
    // As prettier writes it, so the workspace's format check (npm test) passes with the new service.
    run(scratch, 'npx', ['prettier', '--check', 'apps/demo-probe/**/*.{ts,js}', 'libs/demo-probe/**/*.{ts,js}']);
    // Its migration captures its schema exactly (what `npm test` checks for every service).
    expect(run(scratch, 'npm', ['run', '--silent', 'db', '--', 'check'])).toMatch(/every change has a migration/);
  });
});
