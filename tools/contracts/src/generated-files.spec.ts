import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { syncGeneratedFiles } from './generated-files';

describe('syncGeneratedFiles', () => {
  it('reports drift with check, and fixes it without', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'contracts-gen-'));
    writeFileSync(path.join(dir, 'a.ts'), 'old');
    writeFileSync(path.join(dir, 'gone.ts'), 'obsolete');
    const modules = new Map([
      ['a.ts', 'new'],
      ['b.ts', 'added'],
    ]);
    expect(syncGeneratedFiles(dir, modules, true)).toEqual({ changed: ['a.ts', 'b.ts'], obsolete: ['gone.ts'] });
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('old');
    syncGeneratedFiles(dir, modules, false);
    expect(readFileSync(path.join(dir, 'a.ts'), 'utf8')).toBe('new');
    expect(existsSync(path.join(dir, 'gone.ts'))).toBe(false);
    expect(syncGeneratedFiles(dir, modules, true)).toEqual({ changed: [], obsolete: [] });
    rmSync(dir, { recursive: true, force: true });
  });
});
