import { ContractError } from './contract-error';
import { deadLetterSchema, FIXTURE_CATALOG, fixtureSource, stockSchema } from './contract.fixtures';
import { loadContractSet } from './contract-set';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) return [...error.problems];
    throw error;
  }
  throw new Error('expected contract problems');
}

const schemasWith = (stock: Record<string, unknown>) => ({ 'inventory/stock-level.avsc': stock, 'platform/dead-letter.avsc': deadLetterSchema() });

describe('loadContractSet', () => {
  it('loads a valid set with named types across namespaces', () => {
    const set = loadContractSet(fixtureSource());
    expect(set.catalog.topics).toHaveLength(2);
    expect([...set.namedTypes.keys()]).toEqual([
      'com.crossdock.inventory.StockLevel',
      'com.crossdock.common.LocationKind',
      'com.crossdock.platform.DeadLetter',
    ]);
  });

  it('enforces the schema house rules', () => {
    const stock = stockSchema([
      { name: 'undocumented', type: ['null', 'string'], default: null },
      { name: 'optionalWithoutDefault', type: ['null', 'string'], doc: 'x' },
      { name: 'nullLast', type: ['string', 'null'], default: 'x', doc: 'x' },
      { name: 'shippedAt', type: 'string', doc: 'x' },
      { name: 'amountMinor', type: 'int', doc: 'x' },
      { name: 'state', type: { type: 'enum', name: 'State', namespace: 'com.crossdock.inventory', doc: 'x', symbols: ['A'] }, doc: 'x' },
      { name: 'nested', type: { type: 'record', name: 'Nested', fields: [{ name: 'a', type: 'int', doc: 'x' }] }, doc: 'x' },
    ]);
    const problems = problemsOf(() => loadContractSet(fixtureSource({ schemas: schemasWith(stock) }))).join('\n');
    expect(problems).toContain('StockLevel.undocumented: needs a doc');
    expect(problems).toContain('StockLevel.optionalWithoutDefault: optional fields are ["null", T] with "default": null');
    expect(problems).toContain('StockLevel.nullLast: optional fields are ["null", T]');
    expect(problems).toContain('StockLevel.shippedAt: *At fields are');
    expect(problems).toContain('StockLevel.amountMinor: *Minor money fields are long');
    expect(problems).toContain('State: enums need a default symbol');
    expect(problems).toContain('Nested: needs an explicit namespace');
    expect(problems).toContain('Nested: needs a doc');
  });

  it('requires the top-level namespace to match the folder', () => {
    const problems = problemsOf(() => loadContractSet(fixtureSource({ schemas: schemasWith({ ...stockSchema(), namespace: 'com.crossdock.orders' }) })));
    expect(problems.join('\n')).toMatch(/inventory\/stock-level\.avsc: namespace must be 'com\.crossdock\.inventory'/);
  });

  it('rejects two different definitions of one shared type', () => {
    const otherKind = {
      type: 'enum',
      name: 'LocationKind',
      namespace: 'com.crossdock.common',
      doc: 'Kind.',
      symbols: ['UNKNOWN', 'STORE'],
      default: 'UNKNOWN',
    };
    const dead = deadLetterSchema();
    const schemas = {
      'inventory/stock-level.avsc': stockSchema(),
      'platform/dead-letter.avsc': { ...dead, fields: [...(dead['fields'] as object[]), { name: 'kind', type: otherKind, doc: 'x' }] },
    };
    expect(problemsOf(() => loadContractSet(fixtureSource({ schemas }))).join('\n')).toMatch(
      /com\.crossdock\.common\.LocationKind differs from its definition in schemas\/avro\/inventory\/stock-level\.avsc/,
    );
  });

  it('checks the catalog against the schemas', () => {
    const catalog = FIXTURE_CATALOG.replace("'{sku}@{locationId}'", "'{sku}@{note}'")
      .replace('record: com.crossdock.platform.DeadLetter', 'record: com.crossdock.platform.Letter')
      .replace('consumers: [availability]', 'consumers: [availability, order-ingest]')
      .replace('crossdock.inventory.stock-level.v1', 'crossdock.stock.stock-level.v1');
    const problems = problemsOf(() => loadContractSet(fixtureSource({ catalog }))).join('\n');
    expect(problems).toContain('{note} must be a required string, int, long or enum field');
    expect(problems).toContain(
      'value.record: com.crossdock.platform.Letter but schemas/avro/platform/dead-letter.avsc defines com.crossdock.platform.DeadLetter',
    );
    expect(problems).toContain("consumer 'order-ingest' needs exactly one dead-letter topic");
    expect(problems).toContain("domain 'stock' must match the value record's namespace");
  });

  it('reports invalid JSON and schemas avsc rejects', () => {
    const schemas = {
      'inventory/stock-level.avsc': '{ nope',
      'platform/dead-letter.avsc': { type: 'record', name: 'X', fields: [{ name: 'a', type: 'nope' }] },
    };
    const problems = problemsOf(() => loadContractSet(fixtureSource({ schemas }))).join('\n');
    expect(problems).toMatch(/stock-level\.avsc: not valid JSON/);
    expect(problems).toMatch(/dead-letter\.avsc: avsc rejects the schema/);
  });
});
