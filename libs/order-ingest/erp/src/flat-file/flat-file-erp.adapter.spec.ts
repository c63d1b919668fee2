import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ackFileName, dataFileName, externalIdOf, fileStem, formatAck, formatOrderFile, parseImportFile } from '@crossdock/erp/domain';
import { startErpSimulator, testFileExchange } from '@crossdock/erp/simulator';
import { contractPayload, describeErpOrderPortContract } from '../test-support/erp-order-port.contract-suite';
import { FlatFileErpAdapter, type FlatFileErpAdapterOptions } from './flat-file-erp.adapter';

const adapterFor = (dropDir: string, ackDir: string, overrides: Partial<FlatFileErpAdapterOptions> = {}) =>
  new FlatFileErpAdapter(testFileExchange({ dropDir, ackDir }, { ackTimeoutMs: 3_000, ...overrides }));

describeErpOrderPortContract('flat-file adapter', async (behaviour) => {
  // The simulator's own temp folders, removed when it stops.
  const simulator = await startErpSimulator({ behaviour, filePollMs: 5 });
  return { port: new FlatFileErpAdapter(testFileExchange(simulator)), erp: simulator.erp, stop: () => simulator.stop() };
});

describe('FlatFileErpAdapter specifics', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'erp-flat-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes one complete ORDIMP file into the drop folder and leaves no temp file behind', async () => {
    const dropDir = join(root, 'drop');
    const ackDir = join(root, 'ack');
    const port = adapterFor(dropDir, ackDir, { ackTimeoutMs: 50 });
    await expect(port.submit(contractPayload('SHOPIFY:acme-outdoor:2001'))).rejects.toMatchObject({
      kind: 'TIMEOUT',
      retryAfterMs: 30_000,
    });
    const files = await readdir(dropDir);
    expect(files).toEqual([dataFileName(fileStem('ORD', 'SHOPIFY:acme-outdoor:2001'))]);
    const parsed = parseImportFile(await readFile(join(dropDir, files[0] ?? ''), 'latin1'));
    expect(parsed).toMatchObject({
      kind: 'ORDER',
      order: { externalId: 'SHOPIFY:acme-outdoor:2001', erpCustomerNumber: 'C-WEB-SHOPIFY', totalMinor: 10_490 },
    });
  });

  it('waits for a file still pending from an earlier attempt instead of writing a second one', async () => {
    const dropDir = join(root, 'drop');
    const ackDir = join(root, 'ack');
    const port = adapterFor(dropDir, ackDir, { ackTimeoutMs: 50 });
    await port.submit(contractPayload('SHOPIFY:acme-outdoor:2002')).catch(() => undefined);
    const simulator = await startErpSimulator({ dropDir, ackDir, filePollMs: 5 });
    try {
      const retry = await adapterFor(dropDir, ackDir).submit(contractPayload('SHOPIFY:acme-outdoor:2002'));
      expect(retry.created).toBe(true);
      expect(simulator.erp.stats()).toMatchObject({ submissions: 1, created: 1, duplicateSubmissions: 0 });
    } finally {
      await simulator.stop();
    }
  });

  it('uses an acknowledgement left over from before a crash without resubmitting', async () => {
    const dropDir = join(root, 'drop');
    const ackDir = join(root, 'ack');
    const stem = fileStem('ORD', 'SHOPIFY:acme-outdoor:2003');
    const port = adapterFor(dropDir, ackDir, { ackTimeoutMs: 50 });
    await port.submit(contractPayload('SHOPIFY:acme-outdoor:2003')).catch(() => undefined); // creates the folders
    await rm(join(dropDir, dataFileName(stem)));
    await writeFile(
      join(ackDir, ackFileName(stem)),
      formatAck({
        externalId: 'SHOPIFY:acme-outdoor:2003',
        status: 'CREATED',
        erpOrderNumber: 'SO-777',
        retryAfterSeconds: null,
        message: '',
      }),
    );
    expect(await port.submit(contractPayload('SHOPIFY:acme-outdoor:2003'))).toEqual({
      erpOrderNumber: 'SO-777',
      created: false,
    });
    expect(await readdir(dropDir)).toEqual([]);
  });

  it('round-trips external ids through file names and keeps free text from breaking the layout', () => {
    const id = 'EDI:edi-summit-outfitters:PO 44/71_902';
    expect(externalIdOf(fileStem('ORD', id))).toBe(id);
    expect(fileStem('ORD', id)).toMatch(/^ORD_[A-Za-z0-9_-]+$/);
    const content = formatOrderFile(contractPayload('SHOPIFY:acme-outdoor:2004'));
    expect(
      content
        .split('\r\n')
        .filter((l) => l !== '')
        .map((l) => l.slice(0, 3)),
    ).toEqual(['HDR', 'SHP', 'LIN', 'LIN', 'TOT', 'NTE', 'TRL']);
    expect(content).toContain('|Tee / black, M\r\n');
    expect(content).toContain('|Cap navy\r\n');
  });

  it('refuses a truncated file on the ERP side (trailer check)', () => {
    const content = formatOrderFile(contractPayload('SHOPIFY:acme-outdoor:2005'));
    const truncated = content
      .split('\r\n')
      .filter((l) => !l.startsWith('LIN|2|'))
      .join('\r\n');
    expect(() => parseImportFile(truncated)).toThrow(/TRL/);
  });
});
