import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_REFERENCE_DIR, sampleReferenceData } from '../testing/sample-data.fixture';
import { indexReferenceData } from './reference-catalog';
import { mergeReferenceData, parseReferenceDataFile, ReferenceDataError } from './reference-data.parser';

const sampleFile = (name: string) => readFileSync(join(SAMPLE_REFERENCE_DIR, name), 'utf8');
const problemsOf = (attempt: () => unknown): readonly string[] => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ReferenceDataError) return error.problems;
    throw error;
  }
  throw new Error('expected a ReferenceDataError');
};

describe('reference data files', () => {
  it('loads the sample set: three channels, two DCs and a 3PL, the fixture SKUs mapped', () => {
    const data = sampleReferenceData();
    expect(data.channelAccounts.map((a) => a.channelAccountId)).toEqual(['acme-outdoor', 'amazon-us', 'edi-summit-outfitters']);
    expect(data.locations.map((l) => l.locationId)).toEqual(expect.arrayContaining(['DC-RENO', 'DC-ATLANTA', '3PL-DALLAS']));
    const catalog = indexReferenceData(data);
    expect(['SHOP-TEE-BLK-M', 'SHOP-HOODIE-GRY-L', 'SHOP-CAP-NVY'].map((s) => catalog.itemMapping('acme-outdoor', s)?.sku)).toEqual([
      'TEE-BLK-M',
      'HOODIE-GRY-L',
      'CAP-NVY-OS',
    ]);
    expect(data.revisions).toMatchObject({ items: '2026-11-20.2', routing: '2026-11-20.1' });
  });

  it('refuses a file of an unsupported format version, naming the field', () => {
    const text = sampleFile('routing.yaml').replace('version: 1', 'version: 2');
    expect(problemsOf(() => parseReferenceDataFile(text, 'routing.yaml'))).toEqual([expect.stringMatching(/^version: /)]);
  });

  it('reports every schema problem of a file at once', () => {
    const text = [
      'version: 1',
      "revision: 'r1'",
      'kind: items',
      'itemMappings:',
      '  - { channelAccountId: acme-outdoor, channelSku: X }',
      '  - { channelSku: Y, sku: Y1 }',
    ].join('\n');
    const problems = problemsOf(() => parseReferenceDataFile(text, 'items.yaml'));
    expect(problems).toEqual([expect.stringContaining('itemMappings.0.sku'), expect.stringContaining('itemMappings.1.channelAccountId')]);
  });

  it('rejects text that is not YAML', () => {
    expect(problemsOf(() => parseReferenceDataFile('kind: [unclosed', 'bad.yaml'))[0]).toContain('not valid YAML');
  });

  it('rejects duplicate keys and references to unknown accounts or locations across files', () => {
    const files = ['channel-accounts.yaml', 'items.yaml', 'routing.yaml'].map((f) => parseReferenceDataFile(sampleFile(f), f));
    const items = files[1];
    const routing = files[2];
    if (items?.kind !== 'items' || routing?.kind !== 'routing') throw new Error('unexpected sample file kinds');
    const broken = [
      files[0],
      {
        ...items,
        itemMappings: [
          ...items.itemMappings,
          { channelAccountId: 'acme-outdoor', channelSku: 'SHOP-CAP-NVY', sku: 'CAP-RED' },
          { channelAccountId: 'ebay-us', channelSku: 'E1', sku: 'X' },
        ],
      },
      {
        ...routing,
        routingPreferences: [
          {
            ...routing.routingPreferences[0],
            channelAccountId: 'acme-outdoor',
            locations: ['DC-BOISE'],
            regionOverrides: [],
            preferShipComplete: true,
          },
        ],
      },
    ];
    const problems = problemsOf(() => mergeReferenceData(broken.filter((f) => f !== undefined)));
    expect(problems).toEqual(
      expect.arrayContaining([
        "duplicate item mapping 'acme-outdoor/SHOP-CAP-NVY'",
        "item mapping 'E1': unknown channel account 'ebay-us'",
        "routing for acme-outdoor: unknown location 'DC-BOISE'",
      ]),
    );
  });
});
