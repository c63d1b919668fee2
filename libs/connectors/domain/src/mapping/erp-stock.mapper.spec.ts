import { erpStockChange } from '../testing/sample-changes';
import { erpStockMapper } from './erp-stock.mapper';
import { parseLocationMap } from './location-map';
import type { MappingOutcome } from './mapping-outcome';

const { map: locations } = parseLocationMap('01=DC-RENO:WAREHOUSE,02=DC-ATLANTA:WAREHOUSE,90=3PL-DALLAS:THIRD_PARTY_LOGISTICS');
const map = erpStockMapper({ sourceSystem: 'erp-test', locations });

function rejection(outcome: MappingOutcome<unknown>) {
  if (outcome.kind !== 'rejected') throw new Error(`expected a rejection, got ${outcome.kind}`);
  return { sourceKey: outcome.sourceKey, ...outcome.rejection };
}

describe('erpStockMapper', () => {
  it('maps ERP stock to an InventoryPosition at the hub location, keyed {sku}@{locationId}', () => {
    const outcome = map(
      erpStockChange(12, {
        warehouseCode: '90',
        openSupply: [
          { docType: 'TRANSFER', docNumber: 'TO-9', qty: 5, dueDate: null },
          { docType: 'PO', docNumber: 'PO-1', qty: 20, dueDate: '2026-12-01T00:00:00.000Z' },
        ],
      }),
    );
    expect(outcome).toEqual({
      kind: 'upsert',
      sourceKey: 'TENT-ULTRA-2P@90',
      seq: 12,
      key: 'TENT-ULTRA-2P@3PL-DALLAS',
      value: {
        sku: 'TENT-ULTRA-2P',
        locationId: '3PL-DALLAS',
        locationType: 'THIRD_PARTY_LOGISTICS',
        unitOfMeasure: 'EA',
        onHand: 40,
        allocated: 3,
        qualityHold: 0,
        // Dated supply first, so the same stock always maps to the same record.
        inbound: [
          { quantity: 20, expectedAt: Date.parse('2026-12-01T00:00:00.000Z'), sourceType: 'PURCHASE_ORDER', reference: 'PO-1' },
          { quantity: 5, expectedAt: null, sourceType: 'TRANSFER', reference: 'TO-9' },
        ],
        sourceSystem: 'erp-test',
        asOf: Date.parse('2026-11-20T10:00:00.000Z'),
        version: 12,
      },
    });
  });

  it('escapes key separators inside a SKU, as the catalog key format requires', () => {
    const outcome = map(erpStockChange(1, { itemNumber: 'BOLT@M8' }));
    expect(outcome).toMatchObject({ kind: 'upsert', key: 'BOLT%40M8@DC-RENO' });
  });

  it('turns a deleted stock row into a tombstone of the hub key', () => {
    expect(map({ seq: 30, op: 'DELETE', itemNumber: 'TENT-ULTRA-2P', warehouseCode: '02', record: null })).toEqual({
      kind: 'delete',
      sourceKey: 'TENT-ULTRA-2P@02',
      seq: 30,
      key: 'TENT-ULTRA-2P@DC-ATLANTA',
    });
  });

  it.each([
    ['a missing SKU', { itemNumber: '' }, 'MISSING_SKU', 'itemNumber', '(missing itemNumber)@01'],
    ['an unmapped warehouse', { warehouseCode: '77' }, 'UNKNOWN_WAREHOUSE', 'warehouseCode', 'TENT-ULTRA-2P@77'],
    ['a negative on-hand', { onHandQty: -4 }, 'NEGATIVE_ON_HAND', 'onHandQty', 'TENT-ULTRA-2P@01'],
    ['a negative commitment', { committedQty: -1 }, 'NEGATIVE_QUANTITY', 'committedQty', 'TENT-ULTRA-2P@01'],
    ['a fractional on-hand', { onHandQty: 1.5 }, 'NON_INTEGER_QUANTITY', 'onHandQty', 'TENT-ULTRA-2P@01'],
    ['a quantity sent as text', { onHandQty: '12' as unknown as number }, 'NON_INTEGER_QUANTITY', 'onHandQty', 'TENT-ULTRA-2P@01'],
    ['a missing unit', { uom: '' }, 'MISSING_UNIT_OF_MEASURE', 'uom', 'TENT-ULTRA-2P@01'],
    [
      'an unknown supply document',
      { openSupply: [{ docType: 'QUOTE' as 'PO', docNumber: 'Q1', qty: 1, dueDate: null }] },
      'UNKNOWN_SUPPLY_TYPE',
      'openSupply.0.docType',
      'TENT-ULTRA-2P@01',
    ],
    [
      'a negative supply line',
      { openSupply: [{ docType: 'PO' as const, docNumber: 'P', qty: -2, dueDate: null }] },
      'NEGATIVE_QUANTITY',
      'openSupply.0.qty',
      'TENT-ULTRA-2P@01',
    ],
  ])('rejects %s', (_what, record, reason, field, sourceKey) => {
    expect(rejection(map(erpStockChange(8, record)))).toMatchObject({ reason, field, sourceKey });
  });

  it('rejects a delete for an unmapped warehouse instead of guessing its key', () => {
    expect(rejection(map({ seq: 2, op: 'DELETE', itemNumber: 'X', warehouseCode: '77', record: null }))).toMatchObject({
      reason: 'UNKNOWN_WAREHOUSE',
      sourceKey: 'X@77',
    });
  });
});
