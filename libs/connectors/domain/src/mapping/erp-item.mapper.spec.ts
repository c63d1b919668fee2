import { erpItemChange } from '../testing/sample-changes';
import { erpItemMapper } from './erp-item.mapper';
import type { MappingOutcome } from './mapping-outcome';

const map = erpItemMapper({ sourceSystem: 'erp-test' });

function rejection(outcome: MappingOutcome<unknown>) {
  if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`);
  return { sourceKey: outcome.sourceKey, seq: outcome.seq, ...outcome.rejection };
}

describe('erpItemMapper', () => {
  it('maps an ERP item to the ItemMaster contract, keyed by SKU', () => {
    const outcome = map(erpItemChange(7, { status: 'DISCONTINUED', supersededBy: 'TENT-ULTRA-2P-V2' }));
    expect(outcome).toEqual({
      kind: 'upsert',
      sourceKey: 'TENT-ULTRA-2P',
      seq: 7,
      key: 'TENT-ULTRA-2P',
      value: {
        sku: 'TENT-ULTRA-2P',
        description: 'Ultralight tent, 2 person',
        baseUnitOfMeasure: 'EA',
        unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 4 }],
        gtins: ['0012345678905'],
        safetyStock: 5,
        discontinued: true,
        substituteSku: 'TENT-ULTRA-2P-V2',
        weightGrams: 1250,
        sourceSystem: 'erp-test',
        asOf: Date.parse('2026-11-20T10:00:00.000Z'),
        version: 7,
      },
    });
  });

  it('turns a deleted item into a tombstone for its key', () => {
    expect(map({ seq: 9, op: 'DELETE', itemNumber: 'TENT-ULTRA-2P', record: null })).toEqual({
      kind: 'delete',
      sourceKey: 'TENT-ULTRA-2P',
      seq: 9,
      key: 'TENT-ULTRA-2P',
    });
  });

  it.each([
    ['a missing item number', { itemNumber: ' ' }, 'MISSING_SKU', 'itemNumber'],
    ['a missing base unit', { baseUom: '' }, 'MISSING_UNIT_OF_MEASURE', 'baseUom'],
    ['an unknown status', { status: 'BLOCKED' as 'ACTIVE' }, 'UNKNOWN_STATUS', 'status'],
    ['a malformed GTIN', { barcodes: ['0012345678905', '12AB'] }, 'INVALID_GTIN', 'barcodes.1'],
    ['a zero case factor', { alternateUoms: [{ uom: 'CS', factor: 0 }] }, 'INVALID_UNIT_CONVERSION', 'alternateUoms.0.factor'],
    ['a fractional safety stock', { safetyStockQty: 2.5 }, 'NON_INTEGER_QUANTITY', 'safetyStockQty'],
    ['a negative safety stock', { safetyStockQty: -1 }, 'NEGATIVE_QUANTITY', 'safetyStockQty'],
    ['an unparseable date', { lastModified: 'yesterday' }, 'INVALID_TIMESTAMP', 'lastModified'],
    ['no row version', { rowVersion: undefined as unknown as number }, 'INVALID_VERSION', 'rowVersion'],
  ])('rejects %s naming the field', (_what, record, reason, field) => {
    expect(rejection(map(erpItemChange(3, record)))).toMatchObject({ reason, field, seq: 3 });
  });

  it('names the source record in a rejection, with a placeholder when the key itself is missing', () => {
    expect(rejection(map(erpItemChange(4, { status: 'BLOCKED' as 'ACTIVE' }))).sourceKey).toBe('TENT-ULTRA-2P');
    const noKey = { seq: 5, op: 'UPSERT', itemNumber: '', record: { ...erpItemChange(5).record, itemNumber: '' } };
    expect(rejection(map(noKey))).toMatchObject({ sourceKey: '(missing itemNumber)', reason: 'MISSING_SKU' });
  });

  it('never throws on garbage: each is a MALFORMED_CHANGE rejection', () => {
    for (const garbage of [null, 42, 'x', [], {}, { seq: -1, op: 'UPSERT' }, { seq: 1, op: 'MERGE' }, { seq: 1, op: 'UPSERT', record: 'no' }]) {
      expect(rejection(map(garbage))).toMatchObject({ reason: 'MALFORMED_CHANGE' });
    }
    expect(rejection(map({ seq: 2, op: 'DELETE' }))).toMatchObject({ reason: 'MISSING_SKU', seq: 2 });
  });
});
