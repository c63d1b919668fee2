import { parseCatalog, type Catalog } from './catalog.loader';
import { compareCatalogs } from './catalog-compatibility';
import { FIXTURE_CATALOG } from './contract.fixtures';

const before = parseCatalog(FIXTURE_CATALOG);
const after = (edit: (text: string) => string): Catalog => parseCatalog(edit(FIXTURE_CATALOG));

describe('compareCatalogs', () => {
  it('accepts an unchanged catalog and harmless edits', () => {
    const findings = compareCatalogs(
      before,
      after((text) => text.replace('Stock per SKU and location.', 'Stock levels.')),
      'HEAD',
    );
    expect(findings).toEqual({ problems: [], warnings: [] });
  });

  it.each([
    ['key format', (text: string) => text.replace("'{sku}@{locationId}'", "'{locationId}@{sku}'"), /key format changed/],
    [
      'cleanup policy',
      (text: string) => text.replace('cleanupPolicy: compact\n    retention: infinite', 'cleanupPolicy: delete\n    retention: 7d'),
      /cleanup policy changed/,
    ],
    [
      'value record',
      (text: string) => text.replace('record: com.crossdock.inventory.StockLevel', 'record: com.crossdock.inventory.Stock'),
      /value record changed/,
    ],
    ['fewer partitions', (text: string) => text.replace('partitions: 6', 'partitions: 3'), /partitions went down/],
    ['more partitions on a compacted topic', (text: string) => text.replace('partitions: 6', 'partitions: 12'), /compacted topic grew/],
  ])('rejects a change of %s under the same topic name', (_change, edit, message) => {
    const findings = compareCatalogs(before, after(edit), 'HEAD');
    expect(findings.problems).toEqual([expect.stringMatching(message)]);
    expect(findings.problems[0]).toContain('crossdock.inventory.stock-level.v1');
  });

  it('only warns when an event topic grows', () => {
    const findings = compareCatalogs(
      before,
      after((text) => text.replace('partitions: 3', 'partitions: 6')),
      'HEAD',
    );
    expect(findings.problems).toEqual([]);
    expect(findings.warnings).toEqual([expect.stringMatching(/crossdock\.dlq\.availability\.v1: partitions grow from 3 to 6/)]);
  });

  it('allows any change together with a new major version', () => {
    const v2 = after((text) =>
      text.replace('stock-level.v1', 'stock-level.v2').replace("'{sku}@{locationId}'", "'{sku}'").replace('partitions: 6', 'partitions: 24'),
    );
    const findings = compareCatalogs(before, v2, 'HEAD');
    expect(findings.problems).toEqual([]);
    expect(findings.warnings).toEqual([expect.stringMatching(/stock-level\.v1 .*no longer in the catalog/)]);
  });
});
