import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isCompleteDropFileName } from '@crossdock/channel-adapters';

/** The folders of one drop-folder setup. `work` holds claimed files until they are done. */
export interface DropFolders {
  readonly inbox: string;
  readonly work: string;
  readonly outbox: string;
  readonly processed: string;
  readonly rejected: string;
}

/**
 * The folders of an inbox: claimed files in its `.processing`, handled ones in its `processed` and
 * `rejected` unless `placed` puts them elsewhere.
 */
export function dropFolderLayout(inbox: string, outbox: string, placed: { processed?: string | undefined; rejected?: string | undefined } = {}): DropFolders {
  return {
    inbox,
    work: join(inbox, '.processing'),
    outbox,
    processed: placed.processed ?? join(inbox, 'processed'),
    rejected: placed.rejected ?? join(inbox, 'rejected'),
  };
}

export async function ensureFolders(folders: DropFolders): Promise<void> {
  for (const dir of Object.values(folders)) await mkdir(dir, { recursive: true });
}

/** Complete regular files of `dir`, oldest first (a PO before its cancellation), then by name. */
export async function completeFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.filter((e) => e.isFile() && isCompleteDropFileName(e.name)).map(async (e) => ({ name: e.name, mtime: await mtimeOf(join(dir, e.name)) })),
  );
  return files
    .filter((f): f is { name: string; mtime: number } => f.mtime !== null)
    .sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name))
    .map((f) => f.name);
}

/**
 * Takes a file out of the inbox by renaming it into the work folder (atomic on one file system, so
 * two gateways never both take it). Returns null when the file is gone or a file of the same name
 * is still being worked on (it then waits in the inbox).
 */
export async function claim(folders: DropFolders, name: string): Promise<string | null> {
  const target = join(folders.work, name);
  if (await exists(target)) return null;
  try {
    await rename(join(folders.inbox, name), target);
    return target;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Writes via a temp file and rename, so a partner polling the outbox never reads half a 997. */
export async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await writeFile(temp, content, 'utf8');
  await rename(temp, path);
}

/**
 * Where a handled file is archived: its own name, or, when the folder already has a different file
 * of that name, the name with the content hash in it. Deterministic for the same bytes, so a file
 * re-processed after a crash gets the same archive path (and the same rawSource uri).
 */
export async function archivePath(dir: string, name: string, sha256: string): Promise<string> {
  const plain = join(dir, name);
  if (!(await exists(plain)) || (await sha256Of(plain)) === sha256) return plain;
  const ext = extname(name);
  return join(dir, `${name.slice(0, name.length - ext.length)}.${sha256.slice(0, 12)}${ext}`);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  return sha256Hex(await readFile(path));
}

/** Null when the file went away since the listing (another gateway claimed it). */
async function mtimeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}
