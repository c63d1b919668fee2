import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { completeFiles, dropFolderLayout, ensureFolders, fileAway, readClaimed, type DropFolders } from './mailbox.fs';
import { mailboxRound } from './mailbox.round';

describe('mailboxRound', () => {
  let root: string;
  let folders: DropFolders;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mailbox-'));
    folders = dropFolderLayout(join(root, 'in'), join(root, 'out'));
    await ensureFolders(folders);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const fileProcessed = async (workPath: string) => fileAway(workPath, join(folders.processed, basename(workPath)));

  it('handles a file left claimed by a crash first, then claims the inbox oldest first', async () => {
    await writeFile(join(folders.work, 'left.edi'), 'left');
    await writeFile(join(folders.inbox, 'second.edi'), '2');
    await writeFile(join(folders.inbox, 'first.edi'), '1');
    await utimes(join(folders.inbox, 'first.edi'), new Date(1_000), new Date(1_000));
    const seen: string[] = [];
    const handled = await mailboxRound(folders, async (path) => {
      seen.push(path);
      await fileProcessed(path);
    });
    expect(handled).toBe(3);
    expect(seen).toEqual([join(folders.work, 'left.edi'), join(folders.work, 'first.edi'), join(folders.work, 'second.edi')]);
    expect((await readdir(folders.processed)).sort()).toEqual(['first.edi', 'left.edi', 'second.edi']);
    expect(await readdir(folders.inbox)).toEqual(expect.not.arrayContaining(['first.edi', 'second.edi']));
  });

  it('leaves a file claimed when handling it fails, and takes it again next round', async () => {
    await writeFile(join(folders.inbox, 'x.edi'), 'x');
    await expect(
      mailboxRound(folders, () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await readdir(folders.work)).toEqual(['x.edi']);
    expect(await mailboxRound(folders, fileProcessed)).toBe(1);
    expect(await readdir(folders.processed)).toEqual(['x.edi']);
  });

  it('waits for a file still being written in place until it has settled', async () => {
    await writeFile(join(folders.inbox, 'growing.edi'), 'ISA*');
    const now = Date.now();
    expect(await completeFiles(folders.inbox, { settledForMs: 5_000, now: () => now })).toEqual([]);
    expect(await completeFiles(folders.inbox, { settledForMs: 5_000, now: () => now + 10_000 })).toEqual(['growing.edi']);
  });

  it('files a rejected file away with its reason note beside it', async () => {
    await writeFile(join(folders.work, 'bad.edi'), 'not x12');
    const claimed = await readClaimed(join(folders.work, 'bad.edi'));
    expect(claimed).toMatchObject({ content: 'not x12', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await fileAway(join(folders.work, 'bad.edi'), join(folders.rejected, 'bad.edi'), { code: 'NOT_X12' });
    expect((await readdir(folders.rejected)).sort()).toEqual(['bad.edi', 'bad.edi.reason.json']);
    expect(JSON.parse(await readFile(join(folders.rejected, 'bad.edi.reason.json'), 'utf8'))).toEqual({ code: 'NOT_X12' });
  });
});
