import { join } from 'node:path';
import { claim, completeFiles, type DropFolders, type StableFileOptions } from './mailbox.fs';

/**
 * One polling round of a mailbox: files left in the work folder by a crash go first, then new
 * complete files are claimed from the inbox and handled one at a time, oldest first. `handle` gets
 * the claimed file's path and must file it away (processed or rejected); if it throws, the file stays
 * claimed and the next round takes it again, so every step of `handle` must be repeatable.
 * Returns how many files were handled.
 */
export async function mailboxRound(folders: DropFolders, handle: (workPath: string) => Promise<void>, options: StableFileOptions = {}): Promise<number> {
  let handled = 0;
  for (const name of await completeFiles(folders.work)) {
    await handle(join(folders.work, name));
    handled += 1;
  }
  for (const name of await completeFiles(folders.inbox, options)) {
    const claimed = await claim(folders, name);
    if (claimed === null) continue;
    await handle(claimed);
    handled += 1;
  }
  return handled;
}
