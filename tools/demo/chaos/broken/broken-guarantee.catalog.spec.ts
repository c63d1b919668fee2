import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKEN_GUARANTEES, brokenGuarantee, PATCHES_DIR } from './broken-guarantee.catalog';

const DEMO_DIR = join(__dirname, '..', '..');

/** The names the day's and the chaos run's invariants are printed under, read from their sources. */
function invariantNames(): Set<string> {
  const sources = [
    ...readdirSync(join(DEMO_DIR, 'day'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
      .map((f) => join(DEMO_DIR, 'day', f)),
    join(DEMO_DIR, 'chaos', 'chaos-report.ts'),
  ];
  const names = new Set<string>();
  for (const file of sources) for (const match of readFileSync(file, 'utf8').matchAll(/name: '([^']+)',\n\s+ok[,:]/g)) names.add(match[1] as string);
  return names;
}

describe('the broken guarantees', () => {
  it('each names a patch of its own and at least one invariant', () => {
    expect(new Set(BROKEN_GUARANTEES.map((g) => g.name)).size).toBe(BROKEN_GUARANTEES.length);
    for (const g of BROKEN_GUARANTEES) {
      expect(existsSync(join(PATCHES_DIR, g.patch))).toBe(true);
      expect(g.expected.length).toBeGreaterThan(0);
    }
    expect(brokenGuarantee('commit-before-erp-call')?.patch).toBe('commit-before-erp-call.patch');
    expect(brokenGuarantee('nothing')).toBeUndefined();
  });

  it('expect failures of invariants the chaos run really prints (a renamed invariant shows here)', () => {
    const names = invariantNames();
    expect(names.size).toBeGreaterThanOrEqual(11 + 4);
    for (const g of BROKEN_GUARANTEES) for (const name of g.expected) expect([...names]).toContain(name);
  });

  // The patches are against the production code: one that stopped applying after a change there must be redone.
  it.each(BROKEN_GUARANTEES.map((g) => [g.name, g.patch]))('%s: its patch applies to HEAD', (_name, patch) => {
    const scratch = mkdtempSync(join(tmpdir(), 'crossdock-patch-check-'));
    // A scratch index read from HEAD: checked against the last commit, whatever the working tree holds.
    const env = { ...process.env, GIT_INDEX_FILE: join(scratch, 'index') };
    try {
      execFileSync('git', ['read-tree', 'HEAD'], { cwd: DEMO_DIR, env });
      expect(() => execFileSync('git', ['apply', '--cached', '--check', join(PATCHES_DIR, patch)], { cwd: DEMO_DIR, env, stdio: 'pipe' })).not.toThrow();
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
