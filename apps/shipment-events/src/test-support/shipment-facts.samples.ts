import type { OrderAccepted, TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';
import { sampleAcceptedLine, sampleOrderAccepted } from '@crossdock/testing';

/** An accepted order of `quantity` units of line 1 at DC-RENO (a WMS warehouse), shipped by UPS. */
export function acceptedOrder(orderId: string, overrides: Partial<OrderAccepted> = {}): OrderAccepted {
  return sampleOrderAccepted({
    orderId,
    eventId: `accepted:${orderId}`,
    channelAccountId: orderId.split(':')[1] ?? 'acme-outdoor',
    carrierService: { carrierCode: 'UPSN', serviceCode: 'UPS_GROUND', billingAccount: null, shipBy: null },
    lines: [sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: 1, locationId: 'DC-RENO', erpLineNumber: '10' })],
    occurredAt: Date.now(),
    ...overrides,
  });
}

/** A warehouse fact for an order; by default the WMS shipping one carton of 1 unit of line 1 with UPS tracking. */
export function warehouseFact(orderId: string, overrides: Partial<WarehouseShipment> = {}): WarehouseShipment {
  const factKey = overrides.factKey ?? `ship-${orderId}`;
  return {
    eventId: `fact:${factKey}`,
    factKey,
    source: 'WMS',
    sourceSystem: 'wms-main',
    stage: 'SHIPPED',
    orderId,
    releaseId: `${orderId}@DC-RENO`,
    locationId: 'DC-RENO',
    warehouseOrderRef: null,
    lines: [{ lineId: '1', sku: 'TEE-1', quantity: 1, shortQuantity: 0, shortReason: null }],
    packages: [
      {
        packageReference: `CTN-${orderId}`,
        carrierCode: 'UPS',
        serviceCode: 'UPS_GROUND',
        trackingNumber: `1Z-${orderId}`,
        weight: { value: 2.5, unit: 'LB' },
        lines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }],
      },
    ],
    shipDate: Date.now() - 60_000,
    occurredAt: Date.now() - 60_000,
    observedAt: Date.now(),
    ...overrides,
  };
}

/** An EasyPost-shaped tracking update for a tracking number (UPS by default). */
export function trackingUpdate(trackingCode: string, status: TrackingUpdate['status'], overrides: Partial<TrackingUpdate> = {}): TrackingUpdate {
  const occurredAt = overrides.occurredAt ?? Date.now() - 30_000;
  const rawStatus = status.toLowerCase();
  return {
    eventId: `trk:${trackingCode}:${status}:${occurredAt}`,
    sourceEventId: `evt_${trackingCode}_${status}`,
    trackerId: `trk_${trackingCode}`,
    carrier: 'UPS',
    trackingCode,
    status,
    rawStatus,
    statusDetail: null,
    estDeliveryDate: null,
    trackingDetails: [{ datetime: occurredAt, status: rawStatus, statusDetail: null, message: null, city: 'Reno', state: 'NV', country: 'US', zip: '89501' }],
    occurredAt,
    receivedAt: Date.now(),
    ...overrides,
  };
}
