import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { archivePath, claim, completeFiles, dropFolderLayout, ensureFolders, sha256Hex, writeAtomically, type DropFolders } from './mailbox.fs';

describe('mailbox file operations', () => {
  let root: string;
  let folders: DropFolders;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gw-fs-'));
    folders = dropFolderLayout(join(root, 'in'), join(root, 'out'));
    await ensureFolders(folders);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('lays claimed, processed and rejected files out under the inbox unless they are placed elsewhere', () => {
    expect(dropFolderLayout('/edi/in', '/edi/out')).toEqual({
      inbox: '/edi/in',
      work: '/edi/in/.processing',
      outbox: '/edi/out',
      processed: '/edi/in/processed',
      rejected: '/edi/in/rejected',
    });
    expect(dropFolderLayout('/edi/in', '/edi/out', { processed: '/archive/ok', rejected: undefined })).toMatchObject({
      processed: '/archive/ok',
      rejected: '/edi/in/rejected',
    });
  });

  it('lists complete files only, oldest first, ignoring temp files and folders', async () => {
    await writeFile(join(folders.inbox, 'b.edi'), 'b');
    await writeFile(join(folders.inbox, 'a.edi'), 'a');
    await writeFile(join(folders.inbox, 'c.edi.tmp'), 'c');
    await writeFile(join(folders.inbox, '.hidden'), 'h');
    await utimes(join(folders.inbox, 'b.edi'), new Date(1_000), new Date(1_000));
    await utimes(join(folders.inbox, 'a.edi'), new Date(2_000), new Date(2_000));
    expect(await completeFiles(folders.inbox)).toEqual(['b.edi', 'a.edi']);
  });

  it('claims a file by moving it to the work folder, but not over one of the same name still in work', async () => {
    await writeFile(join(folders.inbox, 'x.edi'), 'new');
    expect(await claim(folders, 'x.edi')).toBe(join(folders.work, 'x.edi'));
    await writeFile(join(folders.inbox, 'x.edi'), 'newer');
    expect(await claim(folders, 'x.edi')).toBeNull();
    expect(await readdir(folders.inbox)).toContain('x.edi');
    expect(await claim(folders, 'gone.edi')).toBeNull();
  });

  it('archives under the file name, or with the content hash when a different file already has it', async () => {
    const sha = sha256Hex(Buffer.from('one'));
    expect(await archivePath(folders.processed, 'po.edi', sha)).toBe(join(folders.processed, 'po.edi'));
    await writeFile(join(folders.processed, 'po.edi'), 'one');
    expect(await archivePath(folders.processed, 'po.edi', sha)).toBe(join(folders.processed, 'po.edi'));
    const other = sha256Hex(Buffer.from('two'));
    expect(await archivePath(folders.processed, 'po.edi', other)).toBe(join(folders.processed, `po.${other.slice(0, 12)}.edi`));
  });

  it('writes through a temp file and rename, creating the folder, leaving no temp behind', async () => {
    const target = join(folders.outbox, 'partner', '997-000000001.edi');
    await writeAtomically(target, 'ISA*...');
    await writeAtomically(target, 'ISA*again');
    expect(await readdir(join(folders.outbox, 'partner'))).toEqual(['997-000000001.edi']);
  });
});
