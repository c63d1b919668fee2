import type { TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';

/** A WMS ship fact: one carton of line 1 by UPS; override per test. */
export function sampleWarehouseShipment(overrides: Partial<WarehouseShipment> = {}): WarehouseShipment {
  return {
    eventId: 'fact-1',
    factKey: 'evt-1',
    source: 'WMS',
    sourceSystem: 'wms-main',
    stage: 'SHIPPED',
    orderId: 'SHOPIFY:acme:1001',
    releaseId: 'SHOPIFY:acme:1001@DC-RENO',
    locationId: 'DC-RENO',
    warehouseOrderRef: 'PT-1',
    lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 1, shortQuantity: 0, shortReason: null }],
    packages: [
      {
        packageReference: 'CTN-1',
        carrierCode: 'UPS',
        serviceCode: 'UPS_GROUND',
        trackingNumber: '1Z001',
        weight: { value: 1.5, unit: 'LB' },
        lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 1 }],
      },
    ],
    shipDate: 1_000,
    occurredAt: 1_000,
    observedAt: 1_100,
    ...overrides,
  };
}

/** An EasyPost tracker.updated for UPS 1Z001, in transit; override per test. */
export function sampleTrackingUpdate(overrides: Partial<TrackingUpdate> = {}): TrackingUpdate {
  return {
    eventId: 'trk-evt-1',
    sourceEventId: 'evt_1',
    trackerId: 'trk_1',
    carrier: 'UPS',
    trackingCode: '1Z001',
    status: 'IN_TRANSIT',
    rawStatus: 'in_transit',
    statusDetail: 'arrived_at_facility',
    estDeliveryDate: null,
    trackingDetails: [
      {
        datetime: 2_000,
        status: 'in_transit',
        statusDetail: 'arrived_at_facility',
        message: 'Arrived',
        city: 'Reno',
        state: 'NV',
        country: 'US',
        zip: '89501',
      },
    ],
    occurredAt: 2_000,
    receivedAt: 2_100,
    ...overrides,
  };
}
