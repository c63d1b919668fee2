import { backwardIncompatibility } from './schema-compatibility';

const status = {
  type: 'enum',
  name: 'Status',
  namespace: 'com.crossdock.test',
  doc: 'Status.',
  symbols: ['ACTIVE', 'BLOCKED', 'RETIRED'],
};

function record(fields: readonly object[], name = 'Item'): object {
  return { type: 'record', name, namespace: 'com.crossdock.test', doc: 'Item.', fields };
}

const v1 = record([
  { name: 'sku', type: 'string', doc: 'SKU.' },
  { name: 'quantity', type: 'int', doc: 'Quantity.' },
  { name: 'status', type: status, doc: 'Status.' },
  { name: 'note', type: ['null', 'string'], default: null, doc: 'Note.' },
]);

function withField(name: string, change: (field: Record<string, unknown>) => Record<string, unknown>): object {
  const fields = (v1 as { fields: Record<string, unknown>[] }).fields.map((field) => (field['name'] === name ? change(field) : field));
  return record(fields);
}

describe('backwardIncompatibility (new schema reads data written with the old one)', () => {
  it('accepts the identical schema', () => {
    expect(backwardIncompatibility(v1, v1)).toBeUndefined();
  });

  it('accepts adding an optional field with a default', () => {
    const v2 = record([...(v1 as { fields: object[] }).fields, { name: 'gtin', type: ['null', 'string'], default: null, doc: 'GTIN.' }]);
    expect(backwardIncompatibility(v2, v1)).toBeUndefined();
  });

  it('accepts removing a field and adding an enum symbol', () => {
    const v2 = record([
      { name: 'sku', type: 'string', doc: 'SKU.' },
      { name: 'quantity', type: 'int', doc: 'Quantity.' },
      { name: 'status', type: { ...status, symbols: [...status.symbols, 'SUPERSEDED'] }, doc: 'Status.' },
    ]);
    expect(backwardIncompatibility(v2, v1)).toBeUndefined();
  });

  it('accepts int -> long (a promotion) and required -> nullable', () => {
    expect(
      backwardIncompatibility(
        withField('quantity', (field) => ({ ...field, type: 'long' })),
        v1,
      ),
    ).toBeUndefined();
    expect(
      backwardIncompatibility(
        withField('sku', (field) => ({ ...field, type: ['null', 'string'], default: null })),
        v1,
      ),
    ).toBeUndefined();
  });

  it('rejects a new field without default', () => {
    const v2 = record([...(v1 as { fields: object[] }).fields, { name: 'gtin', type: 'string', doc: 'GTIN.' }]);
    expect(backwardIncompatibility(v2, v1)).toMatch(/gtin|field/i);
  });

  it('rejects removing an enum symbol when the enum has no default', () => {
    const v2 = withField('status', (field) => ({ ...field, type: { ...status, symbols: ['ACTIVE', 'BLOCKED'] } }));
    expect(backwardIncompatibility(v2, v1)).toBeDefined();
  });

  it('accepts removing an enum symbol when the enum has a default', () => {
    const withDefault = { ...status, symbols: ['UNKNOWN', ...status.symbols], default: 'UNKNOWN' };
    const old = withField('status', (field) => ({ ...field, type: withDefault }));
    const v2 = withField('status', (field) => ({ ...field, type: { ...withDefault, symbols: ['UNKNOWN', 'ACTIVE', 'BLOCKED'] } }));
    expect(backwardIncompatibility(v2, old)).toBeUndefined();
  });

  it('rejects int -> string, long -> int and nullable -> required', () => {
    expect(
      backwardIncompatibility(
        withField('quantity', (field) => ({ ...field, type: 'string' })),
        v1,
      ),
    ).toBeDefined();
    const longV1 = withField('quantity', (field) => ({ ...field, type: 'long' }));
    expect(backwardIncompatibility(v1, longV1)).toBeDefined();
    expect(
      backwardIncompatibility(
        withField('note', (field) => ({ ...field, type: 'string', default: undefined })),
        v1,
      ),
    ).toBeDefined();
  });

  it('rejects renaming the record without an alias', () => {
    const renamed = record((v1 as { fields: object[] }).fields, 'Article');
    expect(backwardIncompatibility(renamed, v1)).toBeDefined();
    expect(backwardIncompatibility({ ...renamed, aliases: ['com.crossdock.test.Item'] }, v1)).toBeUndefined();
  });

  it('reports an invalid new schema instead of throwing', () => {
    expect(backwardIncompatibility({ type: 'record', name: 'Broken', fields: [{ name: 'x', type: 'nope' }] }, v1)).toMatch(/new schema is invalid/);
  });
});
