import { deadLetterSchema, fixtureSource, stockSchema } from './contract.fixtures';
import { loadContractSet } from './contract-set';
import { emitTypeModules, jsdoc, tsType } from './ts-emitter';

const stock = stockSchema([
  {
    name: 'inbound',
    type: {
      type: 'array',
      items: {
        type: 'record',
        name: 'Inbound',
        namespace: 'com.crossdock.inventory',
        doc: 'Inbound supply.',
        fields: [
          { name: 'quantity', type: 'long', doc: 'Quantity.' },
          { name: 'expectedAt', type: ['null', { type: 'long', logicalType: 'timestamp-millis' }], default: null, doc: 'ETA.' },
        ],
      },
    },
    default: [],
    doc: 'Open supply.',
  },
  { name: 'attributes', type: { type: 'map', values: 'string' }, default: {}, doc: 'Extras.' },
  { name: 'labels', type: { type: 'array', items: ['null', 'string'] }, doc: 'Labels.' },
  { name: 'checksum', type: { type: 'fixed', name: 'Sha256', namespace: 'com.crossdock.common', doc: 'Digest.', size: 32 }, doc: 'Digest.' },
  { name: 'raw', type: ['null', 'bytes'], default: null, doc: 'Raw payload.' },
  { name: 'previousKind', type: ['null', 'com.crossdock.common.LocationKind'], default: null, doc: 'Kind before the move.' },
]);
const set = loadContractSet(fixtureSource({ schemas: { 'inventory/stock-level.avsc': stock, 'platform/dead-letter.avsc': deadLetterSchema() } }));
const modules = emitTypeModules(set.namedTypes);
const inventory = modules.get('inventory.types.ts') ?? '';
const common = modules.get('common.types.ts') ?? '';

describe('emitTypeModules', () => {
  it('writes one module per namespace, with a generated-file header', () => {
    expect([...modules.keys()]).toEqual(['common.types.ts', 'inventory.types.ts', 'platform.types.ts']);
    expect(inventory.startsWith('// GENERATED FILE - DO NOT EDIT.')).toBe(true);
  });

  it('maps Avro types to what avsc decodes', () => {
    expect(inventory).toContain('readonly sku: string;');
    expect(inventory).toContain('readonly onHand: number;');
    expect(inventory).toContain('readonly note: string | null;');
    expect(inventory).toContain('readonly asOfAt: number;');
    expect(inventory).toContain('readonly inbound: readonly Inbound[];');
    expect(inventory).toContain('readonly expectedAt: number | null;');
    expect(inventory).toContain('readonly attributes: Readonly<Record<string, string>>;');
    expect(inventory).toContain('readonly labels: ReadonlyArray<string | null>;');
    expect(inventory).toContain('readonly checksum: Sha256;');
    expect(inventory).toContain('readonly raw: Buffer | null;');
    expect(inventory).toContain('readonly previousKind: LocationKind | null;');
    expect(common).toContain('export type Sha256 = Buffer;');
  });

  it('imports types from other namespaces', () => {
    expect(inventory).toContain("import type { LocationKind, Sha256 } from './common.types';");
  });

  it('emits enums as a string-literal union plus a const array of symbols', () => {
    expect(common).toContain("export type LocationKind = 'UNKNOWN' | 'WAREHOUSE';");
    expect(common.replace(/\s+/g, ' ')).toContain("export const LocationKindSymbols = [ 'UNKNOWN', 'WAREHOUSE', ] as const satisfies readonly LocationKind[];");
    expect(common).toContain('Readers map unknown symbols to `UNKNOWN`.');
  });

  it('turns docs into JSDoc, noting logical types and defaults', () => {
    expect(inventory).toContain('/** Note. Default: `null`. */');
    expect(inventory).toMatch(/As of\. Milliseconds since the Unix epoch, UTC \(Avro long timestamp-millis\)\./);
    expect(inventory).toContain('Avro record `com.crossdock.inventory.StockLevel`.');
  });
});

describe('tsType', () => {
  it('refuses unions that avsc would wrap', () => {
    const union = {
      kind: 'union',
      branches: [
        { kind: 'primitive', name: 'string', logicalType: undefined },
        { kind: 'primitive', name: 'long', logicalType: undefined },
      ],
    } as const;
    expect(() => tsType(union, set.namedTypes)).toThrow(/only \["null", T\] is allowed/);
  });
});

describe('jsdoc', () => {
  it('wraps long text and escapes comment terminators', () => {
    const block = jsdoc([`${'word '.repeat(40)}end */ here`], '  ');
    expect(block.split('\n').every((line) => line.length <= 100)).toBe(true);
    expect(block).toContain('end *\\/ here');
  });
});
