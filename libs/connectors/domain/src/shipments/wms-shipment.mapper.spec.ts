import { parseLocationMap } from '../mapping/location-map';
import { shipmentFactEventId } from './fact-event-id';
import { wmsShipmentMapper } from './wms-shipment.mapper';
import type { WmsShipmentEventChange, WmsShipmentEventRecord } from './wms-shipment.record';

const { map: locations } = parseLocationMap('RNO1=DC-RENO:WAREHOUSE,ATL1=DC-ATLANTA:WAREHOUSE');
const observedAt = Date.parse('2026-12-01T12:00:05.000Z');
const map = wmsShipmentMapper({ sourceSystem: 'wms-test', locations, clock: () => observedAt });

const line = { lineRef: 'L1', itemNumber: 'TENT-ULTRA-2P', qtyOrdered: 3, qtyPicked: 0, qtyPacked: 0, qtyShipped: 0, qtyShort: 0, shortReason: null };

function event(seq: number, record: Partial<WmsShipmentEventRecord> = {}): WmsShipmentEventChange {
  const full: WmsShipmentEventRecord = {
    eventId: `SE-${seq}`,
    eventType: 'SHIP_CONFIRMED',
    facilityId: 'RNO1',
    requestId: 'FR-100001',
    externalReference: 'SHOPIFY:acme:1001@DC-RENO',
    orderRef: 'SHOPIFY:acme:1001',
    lines: [
      { ...line, qtyPicked: 2, qtyPacked: 2, qtyShipped: 2, qtyShort: 1, shortReason: 'STOCKOUT' },
      { ...line, lineRef: 'L2', itemNumber: 'STOVE-CAMP-2B', qtyOrdered: 1, qtyPicked: 1, qtyPacked: 1, qtyShipped: 1 },
    ],
    cartons: [
      {
        cartonId: '006141410000000018',
        carrier: 'UPS',
        service: 'GROUND',
        trackingNumber: '1Z999AA10123456784',
        weightLb: 4.2,
        contents: [{ lineRef: 'L1', itemNumber: 'TENT-ULTRA-2P', qty: 2 }],
      },
      {
        cartonId: '006141410000000025',
        carrier: 'UPS',
        service: 'GROUND',
        trackingNumber: '1Z999AA10123456791',
        weightLb: 8.6,
        contents: [{ lineRef: 'L2', itemNumber: 'STOVE-CAMP-2B', qty: 1 }],
      },
    ],
    shipDate: '2026-12-01T11:58:00.000Z',
    occurredAt: '2026-12-01T12:00:00.000Z',
    ...record,
  };
  return { seq, op: 'UPSERT', eventId: full.eventId, record: full };
}

describe('wmsShipmentMapper', () => {
  it('maps a split shipment with a short-pick: one package per carton with its tracking number and contents', () => {
    expect(map(event(7))).toEqual({
      kind: 'upsert',
      sourceKey: 'SE-7',
      seq: 7,
      key: 'SE-7',
      value: {
        eventId: shipmentFactEventId('wms-test', 'SE-7'),
        factKey: 'SE-7',
        source: 'WMS',
        sourceSystem: 'wms-test',
        stage: 'SHIPPED',
        orderId: 'SHOPIFY:acme:1001',
        releaseId: 'SHOPIFY:acme:1001@DC-RENO',
        locationId: 'DC-RENO',
        warehouseOrderRef: 'FR-100001',
        lines: [
          { lineId: 'L1', sku: 'TENT-ULTRA-2P', quantity: 2, shortQuantity: 1, shortReason: 'STOCKOUT' },
          { lineId: 'L2', sku: 'STOVE-CAMP-2B', quantity: 1, shortQuantity: 0, shortReason: null },
        ],
        packages: [
          {
            packageReference: '006141410000000018',
            carrierCode: 'UPS',
            serviceCode: 'GROUND',
            trackingNumber: '1Z999AA10123456784',
            weight: { value: 4.2, unit: 'LB' },
            lines: [{ lineId: 'L1', sku: 'TENT-ULTRA-2P', quantity: 2 }],
          },
          {
            packageReference: '006141410000000025',
            carrierCode: 'UPS',
            serviceCode: 'GROUND',
            trackingNumber: '1Z999AA10123456791',
            weight: { value: 8.6, unit: 'LB' },
            lines: [{ lineId: 'L2', sku: 'STOVE-CAMP-2B', quantity: 1 }],
          },
        ],
        shipDate: Date.parse('2026-12-01T11:58:00.000Z'),
        occurredAt: Date.parse('2026-12-01T12:00:00.000Z'),
        observedAt,
      },
    });
  });

  it('reads each stage its own quantity: picked units for a pick, packed for a pack (no tracking yet)', () => {
    const picked = map(
      event(8, { eventType: 'PICK_CONFIRMED', cartons: [], shipDate: null, lines: [{ ...line, qtyPicked: 2, qtyShort: 1, shortReason: null }] }),
    );
    expect(picked).toMatchObject({
      kind: 'upsert',
      value: { stage: 'PICKED', shipDate: null, packages: [], lines: [{ lineId: 'L1', quantity: 2, shortQuantity: 1, shortReason: 'UNSPECIFIED' }] },
    });
    const packed = map(
      event(9, {
        eventType: 'PACK_CONFIRMED',
        shipDate: null,
        lines: [{ ...line, qtyPicked: 3, qtyPacked: 3 }],
        cartons: [
          {
            cartonId: 'C1',
            carrier: 'USPS',
            service: 'PRIORITY',
            trackingNumber: null,
            weightLb: 1,
            contents: [{ lineRef: 'L1', itemNumber: 'TENT-ULTRA-2P', qty: 3 }],
          },
        ],
      }),
    );
    expect(packed).toMatchObject({
      kind: 'upsert',
      value: { stage: 'PACKED', shipDate: null, lines: [{ quantity: 3 }], packages: [{ packageReference: 'C1', trackingNumber: null }] },
    });
  });

  it('gives the same fact the same eventId on every read, and different facts different ids', () => {
    const first = map(event(7));
    const again = map(event(7));
    const other = map(event(8));
    expect(first.kind === 'upsert' && again.kind === 'upsert' && first.value.eventId === again.value.eventId).toBe(true);
    expect(first.kind === 'upsert' && other.kind === 'upsert' && first.value.eventId !== other.value.eventId).toBe(true);
    expect(shipmentFactEventId('wms-test', 'SE-7')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['an unknown facility', { facilityId: 'DAL9' }, 'UNKNOWN_WAREHOUSE', 'facilityId'],
    ['no order reference', { orderRef: '' }, 'MALFORMED_CHANGE', 'orderRef'],
    ['an unknown event type', { eventType: 'LOADED' as never }, 'UNKNOWN_STATUS', 'eventType'],
    ['a line without an item', { lines: [{ ...line, itemNumber: '' }] }, 'MISSING_SKU', 'itemNumber'],
    ['a negative shipped quantity', { lines: [{ ...line, qtyShipped: -1 }] }, 'NEGATIVE_QUANTITY', 'lines.0.qtyShipped'],
    ['a fractional short quantity', { lines: [{ ...line, qtyShort: 0.5 }] }, 'NON_INTEGER_QUANTITY', 'lines.0.qtyShort'],
    ['no lines', { lines: [] }, 'MALFORMED_CHANGE', 'lines'],
    [
      'a shipped carton without tracking',
      { cartons: [{ cartonId: 'C1', carrier: 'UPS', service: 'GROUND', trackingNumber: null, weightLb: 1, contents: [] }] },
      'MALFORMED_CHANGE',
      'cartons.0.trackingNumber',
    ],
    ['a bad occurredAt', { occurredAt: 'yesterday' }, 'INVALID_TIMESTAMP', 'occurredAt'],
  ])('rejects %s, naming the field', (_what, record, reason, field) => {
    const outcome = map(event(10, record));
    expect(outcome.kind).toBe('rejected');
    expect(outcome.kind === 'rejected' && { ...outcome.rejection, sourceKey: outcome.sourceKey }).toMatchObject({ reason, field, sourceKey: 'SE-10' });
  });

  it('refuses a deleted event and a change that is not one', () => {
    expect(map({ seq: 11, op: 'DELETE', eventId: 'SE-11', record: null })).toMatchObject({
      kind: 'rejected',
      rejection: { reason: 'MALFORMED_CHANGE', field: 'op' },
    });
    expect(map('garbage')).toMatchObject({ kind: 'rejected', sourceKey: '(missing eventId)', rejection: { reason: 'MALFORMED_CHANGE' } });
  });
});
