import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface SyncResult {
  /** Files whose content differs from what the generator produces (or that are missing). */
  readonly changed: readonly string[];
  /** Files in the directory the generator no longer produces. */
  readonly obsolete: readonly string[];
}

/**
 * Brings `dir` in line with `modules`, or with `check` only reports the difference. Obsolete .ts
 * files are part of the drift: a deleted schema must not leave its old types behind.
 */
export function syncGeneratedFiles(dir: string, modules: ReadonlyMap<string, string>, check: boolean): SyncResult {
  const present = existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.ts')) : [];
  const changed = [...modules]
    .filter(([file, content]) => !present.includes(file) || readFileSync(path.join(dir, file), 'utf8') !== content)
    .map(([file]) => file);
  const obsolete = present.filter((file) => !modules.has(file));
  if (!check) {
    mkdirSync(dir, { recursive: true });
    for (const file of changed) writeFileSync(path.join(dir, file), modules.get(file) ?? '');
    for (const file of obsolete) rmSync(path.join(dir, file));
  }
  return { changed, obsolete };
}
