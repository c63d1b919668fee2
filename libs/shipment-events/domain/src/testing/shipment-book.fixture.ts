import type { OrderLineState, OrderState, PackageState, ShipmentBook, ShipmentState } from '../model/shipment-book';

/** Test data for the rules' unit tests; override per test. */
export function sampleLineState(overrides: Partial<OrderLineState> = {}): OrderLineState {
  return {
    lineId: '1',
    erpLineNumber: '10',
    sku: 'TEE-BLK-M',
    unitOfMeasure: 'EA',
    locationId: 'DC-RENO',
    locationType: 'WAREHOUSE',
    orderedQuantity: 1,
    pickedQuantity: 0,
    shortQuantity: 0,
    shippedQuantity: 0,
    deliveredQuantity: 0,
    cancelledQuantity: 0,
    erpPostings: [],
    ...overrides,
  };
}

export function sampleOrderState(overrides: Partial<OrderState> = {}): OrderState {
  return {
    orderId: 'SHOPIFY:acme:1001',
    channel: 'SHOPIFY',
    channelAccountId: 'acme',
    channelOrderId: '1001',
    erpOrderNumber: 'SO-1001',
    carrierCode: 'UPSN',
    serviceCode: 'UPS_GROUND',
    acceptedEventId: 'accepted-1001',
    status: 'RELEASED',
    version: 1,
    lines: [sampleLineState()],
    ...overrides,
  };
}

export function sampleShipmentState(overrides: Partial<ShipmentState> = {}): ShipmentState {
  return {
    shipmentId: 'SHOPIFY:acme:1001@DC-RENO',
    orderId: 'SHOPIFY:acme:1001',
    locationId: 'DC-RENO',
    locationType: 'WAREHOUSE',
    releaseStatus: 'SENT',
    warehouseReference: null,
    cancelLines: [],
    ...overrides,
  };
}

export function samplePackageState(overrides: Partial<PackageState> = {}): PackageState {
  return {
    packageReference: 'wms-main:CTN-1',
    orderId: 'SHOPIFY:acme:1001',
    shipmentId: 'SHOPIFY:acme:1001@DC-RENO',
    source: 'WMS',
    sourceSystem: 'wms-main',
    sourceCarrier: 'UPS',
    carrierCode: 'UPSN',
    serviceCode: null,
    trackingNumber: '1Z001',
    weight: null,
    lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 1 }],
    milestone: 'SHIPPED',
    progressRank: 4,
    shippedAt: 1_000,
    deliveredAt: null,
    ...overrides,
  };
}

export function sampleBook(overrides: Partial<ShipmentBook> = {}): ShipmentBook {
  return { order: sampleOrderState(), shipments: [sampleShipmentState()], packages: [], ...overrides };
}
