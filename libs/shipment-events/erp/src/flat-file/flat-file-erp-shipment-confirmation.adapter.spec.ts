import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ackFileName, dataFileName, fileStem, formatShipConfirmationAck, parseShipConfirmationFile } from '@crossdock/erp/domain';
import { startErpSimulator, testFileExchange } from '@crossdock/erp/simulator';
import { bookContractOrder, contractPackage, describeErpShipmentConfirmationContract } from '../test-support/erp-shipment-confirmation-port.contract-suite';
import { FlatFileErpShipmentConfirmationAdapter, type FlatFileErpShipmentConfirmationAdapterOptions } from './flat-file-erp-shipment-confirmation.adapter';

const adapterFor = (dropDir: string, ackDir: string, overrides: Partial<FlatFileErpShipmentConfirmationAdapterOptions> = {}) =>
  new FlatFileErpShipmentConfirmationAdapter(testFileExchange({ dropDir, ackDir }, { ackTimeoutMs: 3_000, ...overrides }));

describeErpShipmentConfirmationContract('flat-file adapter', async (behaviour) => {
  // The simulator's own temp folders, removed when it stops.
  const simulator = await startErpSimulator({ behaviour, filePollMs: 5 });
  return { port: new FlatFileErpShipmentConfirmationAdapter(testFileExchange(simulator)), erp: simulator.erp, stop: () => simulator.stop() };
});

describe('FlatFileErpShipmentConfirmationAdapter specifics', () => {
  let root: string;
  let dropDir: string;
  let ackDir: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'erp-shpcnf-'));
    dropDir = join(root, 'drop');
    ackDir = join(root, 'ack');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes one complete SHPCNF file named after the package and leaves it for the ERP when no answer comes', async () => {
    const port = adapterFor(dropDir, ackDir, { ackTimeoutMs: 50 });
    await expect(port.confirm(contractPackage('PKG:11', 'SO-100001'))).rejects.toMatchObject({ kind: 'TIMEOUT', retryAfterMs: 30_000 });
    const files = await readdir(dropDir);
    expect(files).toEqual(['SHPCNF_PKG_3A11.shp']);
    expect(parseShipConfirmationFile(await readFile(join(dropDir, files[0] ?? ''), 'latin1'))).toEqual(contractPackage('PKG:11', 'SO-100001'));
  });

  it('waits for its file still pending from an earlier attempt instead of writing a second one', async () => {
    await adapterFor(dropDir, ackDir, { ackTimeoutMs: 50 })
      .confirm(contractPackage('PKG-12', 'SO-100001'))
      .catch(() => undefined);
    const simulator = await startErpSimulator({ dropDir, ackDir, filePollMs: 5 });
    try {
      const erpOrderNumber = bookContractOrder(simulator.erp);
      expect(erpOrderNumber).toBe('SO-100001');
      const retry = await adapterFor(dropDir, ackDir).confirm(contractPackage('PKG-12', erpOrderNumber));
      expect(retry.created).toBe(true);
      expect(simulator.erp.stats()).toMatchObject({ goodsIssues: 1, duplicateGoodsIssues: 0 });
    } finally {
      await simulator.stop();
    }
  });

  it('uses an acknowledgement left over from before a crash without posting again', async () => {
    const stem = fileStem('SHPCNF', 'PKG-13');
    await mkdir(ackDir, { recursive: true });
    await writeFile(
      join(ackDir, ackFileName(stem)),
      formatShipConfirmationAck({
        packageReference: 'PKG-13',
        status: 'CREATED',
        goodsIssueNumber: 'GI-777',
        postedAt: Date.UTC(2026, 11, 7, 9),
        retryAfterSeconds: null,
        message: '',
      }),
    );
    const result = await adapterFor(dropDir, ackDir).confirm(contractPackage('PKG-13', 'SO-1'));
    expect(result).toEqual({ erpDocumentNumber: 'GI-777', postedAt: Date.UTC(2026, 11, 7, 9), created: false });
    expect(await readdir(dropDir)).not.toContain(dataFileName(stem));
  });

  it('refuses a package reference the format cannot carry before writing anything', async () => {
    await expect(adapterFor(dropDir, ackDir).confirm(contractPackage('PKG|14', 'SO-1'))).rejects.toMatchObject({
      name: 'ErpPermanentError',
      code: 'VALIDATION',
    });
  });
});
