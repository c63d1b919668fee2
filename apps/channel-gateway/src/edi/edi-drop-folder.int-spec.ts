import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor, type TopicRecorder } from '@crossdock/testing';
import { fixture, GatewayHarness } from '../test-support/channel-gateway.harness';

const h = new GatewayHarness('edi');
const PARTNER = 'edi-summit-outfitters';

describe('EDI X12 850 drop folder on the real stack', () => {
  let root: string;
  let inbox: string;
  let outbox: string;
  let service: RunningService | undefined;
  let orders: TopicRecorder<ChannelOrder>;

  const start = async () => {
    ({ service } = await h.startService({ CHANNEL_ACCOUNTS: PARTNER, EDI_INBOX_DIR: inbox, EDI_OUTBOX_DIR: outbox, EDI_POLL_MS: '100' }));
  };
  /** Drops a file the way partners must: written under a temporary name, then renamed. */
  const drop = async (name: string, content: Buffer | string) => {
    await writeFile(join(inbox, `${name}.part`), content);
    await rename(join(inbox, `${name}.part`), join(inbox, name));
  };
  const arrived = (dir: string, name: string) => waitFor(() => (existsSync(join(inbox, dir, name)) ? true : undefined), { what: `${name} in ${dir}/` });
  const ack = (controlNumber: number) => readFile(join(outbox, PARTNER, `997-${String(controlNumber).padStart(9, '0')}.edi`), 'utf8');
  const reason = async (name: string) => JSON.parse(await readFile(join(inbox, 'rejected', `${name}.reason.json`), 'utf8')) as Record<string, unknown>;

  beforeAll(async () => {
    await h.setUp();
    orders = await h.record(Topics.channelOrders);
    root = await mkdtemp(join(tmpdir(), 'gw-edi-'));
    inbox = join(root, 'inbox');
    outbox = join(root, 'outbox');
    await mkdir(inbox, { recursive: true });
    await start();
  });

  afterAll(async () => {
    await service?.stop();
    await h.tearDown();
    await rm(root, { recursive: true, force: true });
  });

  it('rejects bad files into rejected/ with the reason, answers with a 997 where a partner can be addressed, publishes nothing', async () => {
    const unknownSender = fixture('edi/850-summit-dc-and-store.edi').toString().replace('*ZZ*SUMMITOUTFIT   *', '*ZZ*OTHERRETAILER  *');
    await writeFile(join(inbox, 'still-uploading.edi.part'), 'ISA*00*');
    await drop('PO_4716.edi', fixture('edi/850-wrong-ge-count.edi'));
    await drop('notes.txt', fixture('edi/850-not-x12.txt'));
    await drop('PO_other.edi', unknownSender);
    await Promise.all(['PO_4716.edi', 'notes.txt', 'PO_other.edi'].map((name) => arrived('rejected', name)));

    expect(await reason('PO_4716.edi')).toMatchObject({
      disposition: 'REJECTED',
      channelAccountId: PARTNER,
      publishedOrderIds: [],
      rejections: [expect.objectContaining({ code: 'X12_CONTROL_COUNT_MISMATCH', field: 'GE01' })],
      acknowledgement: join(outbox, PARTNER, '997-000000001.edi'),
    });
    const rejected997 = await ack(1);
    expect(rejected997).toContain('AK5*R~');
    expect(rejected997).toContain('AK9*R*2*1*0*4~');
    expect(rejected997).toMatch(/^ISA\*00\*.{10}\*00\*.{10}\*ZZ\*CROSSDOCKDIST {2}\*ZZ\*SUMMITOUTFIT {3}\*/);
    expect(await reason('notes.txt')).toMatchObject({
      disposition: 'REJECTED',
      acknowledgement: null,
      rejections: [expect.objectContaining({ code: 'PAYLOAD_MALFORMED', field: 'ISA' })],
    });
    expect(await reason('PO_other.edi')).toMatchObject({
      acknowledgement: null,
      rejections: [expect.objectContaining({ code: 'ACCOUNT_UNKNOWN', field: 'ISA06' })],
    });
    expect(await readdir(join(outbox, PARTNER))).toEqual(['997-000000001.edi']);

    // A file is moved only after what it publishes is acknowledged: read to the topic's end, nothing is there.
    await orders.caughtUp();
    expect(orders.records).toEqual([]);
    // Written before the others, it was in the listing of every poll that took them, and left alone.
    expect(await readdir(inbox)).toContain('still-uploading.edi.part');
  });

  it('publishes a good file, writes the accepting 997 to the partner outbox and moves the file to processed/', async () => {
    await drop('PO_4711.edi', fixture('edi/850-summit-dc-and-store.edi'));
    await arrived('processed', 'PO_4711.edi');
    const published = await waitFor(() => (orders.records.length >= 2 ? orders.records : undefined), { what: 'both purchase orders' });
    // Two keys, two partitions: the recorder may see them in either order.
    expect(published.map((r) => [r.key, r.value.eventType, r.value.sourceDeliveryId]).sort()).toEqual([
      [`EDI:${PARTNER}:4500127731`, 'CREATED', '000004711/4711/0001'],
      [`EDI:${PARTNER}:4500127732`, 'CREATED', '000004711/4711/0002'],
    ]);
    expect(published[0]?.value.rawSource).toMatchObject({
      uri: pathToFileURL(join(inbox, 'processed', 'PO_4711.edi')).href,
      contentType: 'application/edi-x12',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const accepted = await ack(2);
    expect(accepted).toContain('AK1*PO*4711~');
    expect(accepted).toContain('AK9*A*2*2*2~');
    expect(existsSync(join(inbox, 'PO_4711.edi'))).toBe(false);
    expect(existsSync(join(inbox, 'processed', 'PO_4711.edi.reason.json'))).toBe(false);
  });

  it('finishes a file left claimed by a crash on restart: same events, same 997, same archive', async () => {
    await service?.stop();
    service = undefined;
    const before = orders.records.map((r) => r.value.eventId);
    const first997 = await ack(2);
    // The state a crash between the Kafka acknowledgement and the move leaves behind.
    await writeFile(join(inbox, '.processing', 'PO_4711.edi'), fixture('edi/850-summit-dc-and-store.edi'));
    await start();

    await waitFor(() => (orders.records.length >= 4 ? true : undefined), { what: 'the re-processed orders' });
    await waitFor(() => (existsSync(join(inbox, '.processing', 'PO_4711.edi')) ? undefined : true), { what: 'the claimed file to leave the work folder' });
    expect(
      orders.records
        .slice(2)
        .map((r) => r.value.eventId)
        .sort(),
    ).toEqual(before.sort());
    expect(await ack(2)).toBe(first997);
    expect(await readdir(join(inbox, 'processed'))).toEqual(['PO_4711.edi']);
    expect(await readdir(join(outbox, PARTNER))).toEqual(['997-000000001.edi', '997-000000002.edi']);
  });

  it('publishes the accepted set of a partially bad file, answers 997 partially accepted, and keeps the file in rejected/ with the reason', async () => {
    const count = orders.records.length;
    await drop('PO_4713.edi', fixture('edi/850-bad-unit-price.edi'));
    await arrived('rejected', 'PO_4713.edi');
    await waitFor(() => (orders.records.length === count + 1 ? true : undefined), { what: 'the one accepted purchase order' });
    expect(orders.records.at(-1)?.key).toBe(`EDI:${PARTNER}:4500127732`);
    expect(await reason('PO_4713.edi')).toMatchObject({
      disposition: 'PARTIALLY_REJECTED',
      publishedOrderIds: [`EDI:${PARTNER}:4500127732`],
      rejections: [expect.objectContaining({ code: 'AMOUNT_INVALID', channelOrderId: '4500127733' })],
    });
    const partial = await ack(3);
    expect(partial).toContain('AK9*P*2*2*1~');
    await orders.caughtUp();
    expect(orders.records).toHaveLength(count + 1);
  });
});
