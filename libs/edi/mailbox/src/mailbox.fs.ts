import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { isCompleteDropFileName } from './mailbox-file.names';

/**
 * The folders of one mailbox: partners drop files in `inbox`; a claimed file sits in `work` until it
 * is handled, then goes to `processed` or `rejected` (with a `.reason.json` note); what we send
 * back (997s, outbound documents) is written to `outbox`.
 */
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

export interface StableFileOptions {
  /**
   * A file modified less than this long ago is still being written (a partner that writes in place
   * instead of write-then-rename) and waits for a later round. Default 0: the name alone decides.
   */
  readonly settledForMs?: number;
  readonly now?: () => number;
}

/**
 * Complete, settled regular files of `dir`, oldest first (an order before its cancellation), then
 * by name. Complete: not named like a file in the making ({@link isCompleteDropFileName}).
 */
export async function completeFiles(dir: string, options: StableFileOptions = {}): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.filter((e) => e.isFile() && isCompleteDropFileName(e.name)).map(async (e) => ({ name: e.name, mtime: await mtimeOf(join(dir, e.name)) })),
  );
  const settledBefore = (options.now ?? Date.now)() - (options.settledForMs ?? 0);
  return files
    .filter((f): f is { name: string; mtime: number } => f.mtime !== null && (!options.settledForMs || f.mtime <= settledBefore))
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

/** Writes via a temp file and rename, so a partner polling the outbox never reads half a file. */
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

/**
 * Files a handled file away: writes the reason note beside its archive path first (when there is
 * one), then moves the file there. A crash in between leaves the file claimed, and handling it again
 * rewrites the same note.
 */
export async function fileAway(workPath: string, archivedAs: string, reason?: unknown): Promise<void> {
  if (reason !== undefined) await writeAtomically(reasonNotePath(archivedAs), `${JSON.stringify(reason, null, 2)}\n`);
  await mkdir(dirname(archivedAs), { recursive: true });
  await rename(workPath, archivedAs);
}

/** Where the note saying why a file was (partly) rejected lives: beside it, `.reason.json` added. */
export function reasonNotePath(archivedAs: string): string {
  return `${archivedAs}.reason.json`;
}

/** The bytes of a claimed file, as text, with their SHA-256 (archive naming, raw-source records). */
export async function readClaimed(workPath: string): Promise<{ bytes: Buffer; content: string; sha256: string }> {
  const bytes = await readFile(workPath);
  return { bytes, content: bytes.toString('utf8'), sha256: sha256Hex(bytes) };
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
