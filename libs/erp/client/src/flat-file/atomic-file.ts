import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Write-then-rename inside the target folder (same filesystem, so rename is atomic): the reader
 * either sees no file or the complete, fsynced file, never a half-written one — which a legacy
 * import job would otherwise happily book as a shorter order.
 */
export async function writeFileAtomically(dir: string, tempName: string, finalName: string, content: string): Promise<void> {
  const tempPath = join(dir, tempName);
  const handle = await open(tempPath, 'w');
  try {
    await handle.writeFile(content, 'latin1');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, join(dir, finalName));
}

export async function readIfExists(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'latin1');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Moves a consumed file into `archiveDir` (kept for audit, like the ERP keeps its processed files). */
export async function archive(path: string, archiveDir: string, archivedName: string): Promise<void> {
  await mkdir(archiveDir, { recursive: true });
  try {
    await rename(path, join(archiveDir, archivedName));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export async function removeIfExists(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Duck-typed: fs errors can come from another realm (test sandboxes), where `instanceof Error` fails. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
