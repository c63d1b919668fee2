import type { Milestone, OrderAccepted, TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';
import { sampleAcceptedLine, sampleOrderAccepted } from '@crossdock/testing';

// Carrier updates are stamped in the past, after the ship fact, each status a second after the previous.
const SHIPPED_AGO_MS = 10 * 60_000;

/** The milestones a carrier update can move a shipped package to, in the order a package passes them. */
export const CARRIER_STATUSES = ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'AVAILABLE_FOR_PICKUP', 'DELIVERED'] as const satisfies readonly Milestone[];
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

/** One bench order: a Shopify order of one unit at DC-RENO (a WMS warehouse), shipped in one UPS carton. */
export interface BenchShipment {
  readonly orderId: string;
  readonly trackingNumber: string;
}

export function benchShipment(label: string, i: number): BenchShipment {
  return { orderId: `SHOPIFY:acme-outdoor:${label}-${i}`, trackingNumber: `1ZBENCH${label.toUpperCase()}${i}` };
}

export function acceptedOrderOf(shipment: BenchShipment, now: number): OrderAccepted {
  return sampleOrderAccepted({
    orderId: shipment.orderId,
    eventId: `accepted:${shipment.orderId}`,
    channelAccountId: 'acme-outdoor',
    carrierService: { carrierCode: 'UPSN', serviceCode: 'UPS_GROUND', billingAccount: null, shipBy: null },
    lines: [sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: 1, locationId: 'DC-RENO', erpLineNumber: '10' })],
    occurredAt: now,
  });
}

/** The WMS's ship confirmation of the order's one carton. */
export function shipFactOf(shipment: BenchShipment, now: number): WarehouseShipment {
  const factKey = `ship-${shipment.orderId}`;
  const line = { lineId: '1', sku: 'TEE-1', quantity: 1 };
  return {
    eventId: `fact:${factKey}`,
    factKey,
    source: 'WMS',
    sourceSystem: 'wms-main',
    stage: 'SHIPPED',
    orderId: shipment.orderId,
    releaseId: `${shipment.orderId}@DC-RENO`,
    locationId: 'DC-RENO',
    warehouseOrderRef: null,
    lines: [{ ...line, shortQuantity: 0, shortReason: null }],
    packages: [
      {
        packageReference: `CTN-${shipment.orderId}`,
        carrierCode: 'UPS',
        serviceCode: 'UPS_GROUND',
        trackingNumber: shipment.trackingNumber,
        weight: { value: 2.5, unit: 'LB' },
        lines: [line],
      },
    ],
    shipDate: now - SHIPPED_AGO_MS,
    occurredAt: now - SHIPPED_AGO_MS,
    observedAt: now,
  };
}

/** An EasyPost tracker update for the carton, as carrier-connector publishes it. */
export function trackingUpdateOf(shipment: BenchShipment, status: CarrierStatus, now: number): TrackingUpdate {
  const occurredAt = now - SHIPPED_AGO_MS + 1_000 * (1 + CARRIER_STATUSES.indexOf(status));
  const rawStatus = status.toLowerCase();
  return {
    eventId: `trk:${shipment.trackingNumber}:${status}`,
    sourceEventId: `evt_${shipment.trackingNumber}_${status}`,
    trackerId: `trk_${shipment.trackingNumber}`,
    carrier: 'UPS',
    trackingCode: shipment.trackingNumber,
    status,
    rawStatus,
    statusDetail: null,
    estDeliveryDate: null,
    trackingDetails: [{ datetime: occurredAt, status: rawStatus, statusDetail: null, message: null, city: 'Reno', state: 'NV', country: 'US', zip: '89501' }],
    occurredAt,
    receivedAt: now,
  };
}
