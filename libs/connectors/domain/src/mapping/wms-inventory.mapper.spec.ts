import { wmsInventoryChange } from '../testing/sample-changes';
import { parseLocationMap } from './location-map';
import { wmsInventoryMapper } from './wms-inventory.mapper';

const { map: locations } = parseLocationMap('RNO1=DC-RENO:WAREHOUSE,ATL1=DC-ATLANTA:WAREHOUSE');
const map = wmsInventoryMapper({ sourceSystem: 'wms-test', locations });

describe('wmsInventoryMapper', () => {
  it('maps allocations, sums every hold into qualityHold and lists ASNs as inbound', () => {
    const outcome = map(
      wmsInventoryChange(4, {
        holds: [
          { reason: 'QC', qty: 2 },
          { reason: 'DAMAGE', qty: 1 },
        ],
        inboundAsns: [{ asnNumber: 'ASN-7', qty: 24, eta: '2026-11-22T08:00:00.000Z' }],
      }),
    );
    expect(outcome).toEqual({
      kind: 'upsert',
      sourceKey: 'TENT-ULTRA-2P@RNO1',
      seq: 4,
      key: 'TENT-ULTRA-2P@DC-RENO',
      value: {
        sku: 'TENT-ULTRA-2P',
        locationId: 'DC-RENO',
        locationType: 'WAREHOUSE',
        unitOfMeasure: 'EA',
        onHand: 38,
        allocated: 6,
        qualityHold: 3,
        inbound: [{ quantity: 24, expectedAt: Date.parse('2026-11-22T08:00:00.000Z'), sourceType: 'ADVANCE_SHIP_NOTICE', reference: 'ASN-7' }],
        sourceSystem: 'wms-test',
        asOf: Date.parse('2026-11-20T10:00:00.000Z'),
        version: 4,
      },
    });
  });

  it('turns a removed SKU-facility into a tombstone', () => {
    expect(map({ seq: 5, op: 'DELETE', sku: 'A', facilityId: 'ATL1', record: null })).toMatchObject({ kind: 'delete', key: 'A@DC-ATLANTA' });
  });

  it.each([
    ['an unknown facility', { facilityId: 'DAL9' }, 'UNKNOWN_WAREHOUSE', 'facilityId'],
    ['a negative physical count', { physicalQty: -1 }, 'NEGATIVE_ON_HAND', 'physicalQty'],
    ['a negative allocation', { allocatedQty: -3 }, 'NEGATIVE_QUANTITY', 'allocatedQty'],
    ['a negative hold', { holds: [{ reason: 'QC' as const, qty: -1 }] }, 'NEGATIVE_QUANTITY', 'holds.0.qty'],
    ['a missing SKU', { sku: '' }, 'MISSING_SKU', 'sku'],
  ])('rejects %s', (_what, record, reason, field) => {
    const outcome = map(wmsInventoryChange(6, record));
    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && outcome.rejection).toMatchObject({ reason, field });
  });
});
