import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { lineDiff } from './line-diff';

/** How the file on disk differs from what the generator writes: empty when it is up to date. */
export function composeFileDifference(file: string, expected: string): string[] {
  if (!existsSync(file)) return ['the file does not exist'];
  return lineDiff(readFileSync(file, 'utf8'), expected);
}

/** Writes the file unless `check`; returns the difference it had (or has, when checking). */
export function syncComposeFile(file: string, expected: string, check: boolean): string[] {
  const difference = composeFileDifference(file, expected);
  if (!check && difference.length > 0) writeFileSync(file, expected);
  return difference;
}
