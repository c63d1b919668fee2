import type { WarehouseRelease } from '@crossdock/contracts';
import type { ThirdPartyPartner } from '../third-party.partner';
import { ItemStatus, write945, type ShipmentAdviceToWrite } from '../x12-945.writer';

/** The Dallas 3PL as the hub addresses it (test ids, 4010). Test-only. */
export const dallasPartner: ThirdPartyPartner = {
  ourInterchangeId: 'ZZ:CROSSDOCKDIST',
  partnerInterchangeId: 'ZZ:DALLAS3PL',
  ourApplicationId: 'CROSSDOCK',
  partnerApplicationId: 'DALLAS3PL',
  usageIndicator: 'T',
  warehouseName: 'Lone Star Fulfilment Dallas',
};

/** A release of an EDI order with two lines to the Dallas 3PL, shipped by UPS Ground. Test-only. */
export function sampleRelease(overrides: Partial<WarehouseRelease> = {}): WarehouseRelease {
  return {
    eventId: '5f1d2c3b-4a59-4e68-8b7a-6c5d4e3f2a10',
    causationId: '0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
    releaseId: 'EDI:summit:4500127732@3pl-dallas',
    action: 'RELEASE',
    orderId: 'EDI:summit:4500127732',
    channel: 'EDI',
    channelAccountId: 'summit',
    channelOrderId: '4500127732',
    erpOrderNumber: 'SO-100231',
    locationId: '3pl-dallas',
    locationType: 'THIRD_PARTY_LOGISTICS',
    carrierCode: 'UPSN',
    serviceCode: 'GROUND',
    shipBy: Date.UTC(2026, 11, 9),
    shipTo: {
      name: 'Dana Whitfield',
      company: 'Summit Outfitters Store 457',
      lines: ['4601 Brighton Blvd', 'Receiving'],
      city: 'Denver',
      region: 'US-CO',
      postalCode: '80216',
      countryCode: 'US',
      phone: '3035550147',
      locationCode: '0457',
    },
    lines: [
      { lineId: '1', sku: 'TEE-BLK-M', quantity: 12, unitOfMeasure: 'EA' },
      { lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 6, unitOfMeasure: 'EA' },
    ],
    reason: null,
    occurredAt: Date.UTC(2026, 11, 7, 9, 0),
    ...overrides,
  };
}

/**
 * The 3PL's shipment of {@link sampleRelease}: two UPS cartons (SSCC-18 labels, 1Z tracking numbers),
 * all 12 tees, 4 of the 6 bottles (2 short-picked, CP). Test-only.
 */
export const sampleAdvice: ShipmentAdviceToWrite = {
  depositorOrder: 'EDI:summit:4500127732',
  shipmentId: 'DAL-SHP-88121',
  purchaseOrder: '4500127732',
  releaseId: 'EDI:summit:4500127732@3pl-dallas',
  shippedAt: Date.UTC(2026, 11, 8, 15, 30),
  carrier: { scac: 'UPSN', service: 'GROUND' },
  cartons: [
    {
      sscc: '006141410000000128',
      trackingNumber: '1Z999AA10123456784',
      lines: [
        { lineId: '1', sku: 'TEE-BLK-M', ordered: 12, shipped: 8, unitOfMeasure: 'EA', status: ItemStatus.Complete, weightLb: 4 },
        { lineId: '2', sku: 'BOTTLE-1L-STL', ordered: 6, shipped: 2, unitOfMeasure: 'EA', status: ItemStatus.PartialNoBackorder, weightLb: 2.5 },
      ],
    },
    {
      sscc: '006141410000000135',
      trackingNumber: '1Z999AA10123456793',
      lines: [
        { lineId: '1', sku: 'TEE-BLK-M', ordered: 12, shipped: 4, unitOfMeasure: 'EA', status: ItemStatus.Complete, weightLb: 2 },
        { lineId: '2', sku: 'BOTTLE-1L-STL', ordered: 6, shipped: 2, unitOfMeasure: 'EA', status: ItemStatus.PartialNoBackorder, weightLb: 2.5 },
      ],
    },
  ],
  unshipped: [],
};

/** {@link sampleAdvice} as the 945 file the Dallas 3PL drops (ISA13 310). Test-only. */
export function sample945(advices: readonly ShipmentAdviceToWrite[] = [sampleAdvice]): string {
  return write945(advices, dallasPartner, { interchangeControlNumber: 310, createdAt: Date.UTC(2026, 11, 8, 16, 0) });
}
