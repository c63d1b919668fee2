import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseChannelMapping } from '@crossdock/channel-adapters';
import type { ChannelOrder } from '@crossdock/contracts';
import { dropFolderLayout, ensureFolders, type DropFolders } from '@crossdock/edi/mailbox';
import type { AckAllocation } from './edi-acknowledgement.repository';
import { EdiFileProcessor } from './edi-file.processor';

const LIBS = join(__dirname, '../../../../libs/channel-adapters');
const partner = parseChannelMapping(JSON.parse(readFileSync(join(LIBS, 'mappings/edi-summit-outfitters.json'), 'utf8')));
const sample = (file: string) => readFile(join(LIBS, 'fixtures/edi', file));

/** In-memory stand-in for the acknowledgement table: same bytes, same number. */
class MemoryAcks {
  private readonly known = new Map<string, AckAllocation>();
  private last = 0;
  async allocate(account: string, sha: string, _file: string, receivedAt: number): Promise<AckAllocation> {
    const key = `${account}|${sha}`;
    const found = this.known.get(key) ?? { controlNumber: ++this.last, receivedAt };
    this.known.set(key, found);
    return found;
  }
}

describe('EdiFileProcessor', () => {
  let root: string;
  let folders: DropFolders;
  let published: ChannelOrder[];
  let failPublish: boolean;
  let processor: EdiFileProcessor;
  let clock: number;

  const claimed = async (name: string, content: Buffer | string) => {
    await writeFile(join(folders.work, name), content);
    return join(folders.work, name);
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'gw-edi-unit-'));
    folders = dropFolderLayout(join(root, 'in'), join(root, 'out'));
    await ensureFolders(folders);
    published = [];
    failPublish = false;
    clock = Date.parse('2026-11-27T08:00:00Z');
    processor = new EdiFileProcessor({
      partners: () => [partner],
      acks: new MemoryAcks(),
      publisher: {
        publish: async (orders) => {
          if (failPublish) throw new Error('Kafka down');
          published.push(...orders);
        },
      },
      folders,
      clock: () => clock,
    });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('publishes, acknowledges and archives a good file, orders pointing at the archived copy', async () => {
    const result = await processor.process(await claimed('po.edi', await sample('850-summit-dc-and-store.edi')));
    expect(result).toMatchObject({
      disposition: 'PROCESSED',
      channelAccountId: 'edi-summit-outfitters',
      archivedAs: join(folders.processed, 'po.edi'),
      rejections: [],
    });
    expect(published.map((o) => o.orderId)).toEqual(['EDI:edi-summit-outfitters:4500127731', 'EDI:edi-summit-outfitters:4500127732']);
    expect(published[0]?.rawSource).toMatchObject({ uri: `file://${join(folders.processed, 'po.edi')}`, receivedAt: clock });
    expect(await readFile(join(folders.outbox, 'edi-summit-outfitters', '997-000000001.edi'), 'utf8')).toContain('AK9*A*2*2*2~');
    expect(await readdir(folders.work)).toEqual([]);
  });

  it('leaves the file claimed, with no 997 and no move, when Kafka does not acknowledge; the retry completes it', async () => {
    const path = await claimed('po.edi', await sample('850-summit-dc-and-store.edi'));
    failPublish = true;
    await expect(processor.process(path)).rejects.toThrow('Kafka down');
    expect(existsSync(path)).toBe(true);
    expect(existsSync(join(folders.outbox, 'edi-summit-outfitters'))).toBe(false);

    failPublish = false;
    clock += 60_000;
    const first = await processor.process(path);
    expect(first.disposition).toBe('PROCESSED');
    // Same bytes, same control number and receipt time as the failed attempt allocated.
    expect(published[0]?.rawSource?.receivedAt).toBe(clock - 60_000);
    expect(first.acknowledgement).toBe(join(folders.outbox, 'edi-summit-outfitters', '997-000000001.edi'));
  });

  it('rejects a file that is not X12 or not from a partner without a 997, with a reason beside it', async () => {
    const notX12 = await processor.process(await claimed('notes.txt', await sample('850-not-x12.txt')));
    const stranger = (await sample('850-summit-dc-and-store.edi')).toString().replace('*ZZ*SUMMITOUTFIT   *', '*ZZ*OTHERRETAILER  *');
    const unknown = await processor.process(await claimed('other.edi', stranger));
    expect([notX12.rejections[0]?.code, unknown.rejections[0]?.code]).toEqual(['PAYLOAD_MALFORMED', 'ACCOUNT_UNKNOWN']);
    expect([notX12.acknowledgement, unknown.acknowledgement]).toEqual([null, null]);
    expect((await readdir(folders.rejected)).sort()).toEqual(['notes.txt', 'notes.txt.reason.json', 'other.edi', 'other.edi.reason.json']);
    const reason = JSON.parse(await readFile(join(folders.rejected, 'other.edi.reason.json'), 'utf8')) as Record<string, unknown>;
    expect(reason).toMatchObject({
      file: 'other.edi',
      disposition: 'REJECTED',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      receivedAt: '2026-11-27T08:00:00.000Z',
    });
    expect(published).toEqual([]);
  });

  it('publishes the accepted sets of a partly bad file and rejects the file with both lists', async () => {
    const result = await processor.process(await claimed('po.edi', await sample('850-bad-unit-price.edi')));
    expect(result.disposition).toBe('PARTIALLY_REJECTED');
    expect(published.map((o) => o.channelOrderId)).toEqual(['4500127732']);
    expect(result.rejections).toEqual([expect.objectContaining({ code: 'AMOUNT_INVALID', channelOrderId: '4500127733' })]);
    expect(existsSync(join(folders.rejected, 'po.edi.reason.json'))).toBe(true);
    expect(await readFile(result.acknowledgement ?? '', 'utf8')).toContain('AK9*P*2*2*1~');
  });
});
