import { CarrierDirectory } from '../carriers/carrier-directory';
import { ChannelStatusMappings } from '../channel-status/channel-status.mapping';
import { sampleBook, sampleOrderState, samplePackageState } from '../testing/shipment-book.fixture';
import type { MilestoneReached } from '../facts/fact-decision';
import { channelUpdate, erpConfirmationRequest, fulfilmentRecord, milestoneEvent, recordPosting } from './shipment-outputs';

let ids = 0;
const ctx = { now: 9_000, newEventId: () => `id-${++ids}` };
const deps = { mappings: ChannelStatusMappings.standard(), carriers: CarrierDirectory.standard() };
const reached: MilestoneReached = {
  packageReference: 'wms-main:CTN-1',
  milestone: 'SHIPPED',
  source: 'WMS',
  sourceStatus: 'SHIPPED',
  sourceStatusDetail: null,
  location: null,
  sourceOccurredAt: 1_000,
  causationId: 'fact-1',
};

describe('shipment outputs', () => {
  const book = sampleBook({ packages: [samplePackageState()], order: sampleOrderState({ status: 'SHIPPED' }) });

  it('publishes the milestone with the order s channel fields and the package contents', () => {
    expect(milestoneEvent(book, reached, ctx)).toMatchObject({
      orderId: 'SHOPIFY:acme:1001',
      channel: 'SHOPIFY',
      channelOrderId: '1001',
      shipmentId: 'SHOPIFY:acme:1001@DC-RENO',
      milestone: 'SHIPPED',
      carrierCode: 'UPSN',
      trackingNumber: '1Z001',
      lines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 1 }],
      sourceOccurredAt: 1_000,
      occurredAt: 9_000,
    });
  });

  it('tells the channel in its words, with the carrier name and tracking URL it expects', () => {
    const milestone = milestoneEvent(book, reached, ctx);
    expect(channelUpdate(book, milestone, deps, ctx)).toMatchObject({
      causationId: milestone.eventId,
      channelStatus: 'CARRIER_PICKED_UP',
      vocabulary: 'shopify.FulfillmentEventStatus',
      mappingVersion: 'shopify-2025-10@1',
      fallbackUsed: false,
      carrierName: 'UPS',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z001',
      channelPackageId: 'wms-main:CTN-1',
    });
    const amazon = { ...book, order: sampleOrderState({ channel: 'AMAZON', status: 'SHIPPED' }) };
    expect(channelUpdate(amazon, milestoneEvent(amazon, reached, ctx), deps, ctx)?.channelPackageId).toMatch(/^\d+$/);
    const walmart = { ...book, order: sampleOrderState({ channel: 'WALMART' }) };
    expect(channelUpdate(walmart, milestoneEvent(walmart, reached, ctx), deps, ctx)).toBeNull();
  });

  it('writes the fulfilment record of the order', () => {
    expect(fulfilmentRecord(book.order, 9_000)).toMatchObject({
      orderId: 'SHOPIFY:acme:1001',
      status: 'SHIPPED',
      version: 1,
      updatedAt: 9_000,
      lines: [{ lineId: '1', orderedQuantity: 1, erpPostings: [] }],
    });
  });

  it('asks the ERP to confirm a shipped package with the ERP line numbers', () => {
    expect(erpConfirmationRequest(book, 'wms-main:CTN-1')).toEqual({
      packageReference: 'wms-main:CTN-1',
      orderId: 'SHOPIFY:acme:1001',
      erpOrderNumber: 'SO-1001',
      shipmentId: 'SHOPIFY:acme:1001@DC-RENO',
      carrierCode: 'UPSN',
      trackingNumber: '1Z001',
      shipDate: 1_000,
      lines: [{ lineId: '1', erpLineNumber: '10', sku: 'TEE-BLK-M', quantity: 1 }],
    });
  });

  it('records the ERP s posting of a package once', () => {
    const posted = recordPosting(book.order, book.packages[0]!, { erpDocumentNumber: 'IF-1', postedAt: 8_000 });
    expect(posted?.lines[0]?.erpPostings).toEqual([{ packageReference: 'wms-main:CTN-1', erpDocumentNumber: 'IF-1', quantity: 1, postedAt: 8_000 }]);
    expect(posted?.version).toBe(2);
    expect(recordPosting(posted!, book.packages[0]!, { erpDocumentNumber: 'IF-1', postedAt: 8_000 })).toBeNull();
  });
});
