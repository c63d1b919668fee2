import { toConfirmationRequest, toDrainEntry } from './erp-confirmation.request';

const row = {
  packageReference: 'wms-main:CTN-1',
  orderId: 'SHOPIFY:acme-outdoor:1001',
  erpOrderNumber: 'SO-100001',
  shipmentId: 'SHOPIFY:acme-outdoor:1001@DC-RENO',
  carrierCode: 'UPSN',
  trackingNumber: '1Z999',
  shipDate: new Date('2026-12-07T10:00:00Z'),
  lines: [
    { lineId: '1', erpLineNumber: '2', sku: 'TEE-1', quantity: 3 },
    { lineId: '2', erpLineNumber: null, sku: 'CAP-1', quantity: 1 },
    { lineId: '3', erpLineNumber: '0010-A', sku: 'SOCK-1', quantity: 2 },
  ],
  status: 'PENDING',
  attempts: 2,
  nextAttemptAt: new Date('2026-12-07T10:05:00Z'),
  lastError: 'OUTAGE: 503',
  erpDocumentNumber: null,
  postedAt: null,
  createdAt: new Date('2026-12-07T10:01:00Z'),
  confirmedAt: null,
};

describe('ERP ship-confirmation queue rows', () => {
  it('become drain entries keyed by package, per order, queued at their creation and not before their next attempt', () => {
    expect(toDrainEntry(row)).toEqual({
      id: 'wms-main:CTN-1',
      orderId: 'SHOPIFY:acme-outdoor:1001',
      sequence: 0,
      enqueuedAt: Date.parse('2026-12-07T10:01:00Z'),
      attempts: 2,
      notBefore: Date.parse('2026-12-07T10:05:00Z'),
    });
  });

  it('become the goods issue the ERP is asked for, with ERP line numbers only where they are whole numbers', () => {
    expect(toConfirmationRequest(row)).toEqual({
      packageReference: 'wms-main:CTN-1',
      orderId: 'SHOPIFY:acme-outdoor:1001',
      erpOrderNumber: 'SO-100001',
      shipDate: Date.parse('2026-12-07T10:00:00Z'),
      carrierCode: 'UPSN',
      trackingNumber: '1Z999',
      lines: [
        { lineId: '1', erpLineNumber: 2, sku: 'TEE-1', quantity: 3 },
        { lineId: '2', erpLineNumber: null, sku: 'CAP-1', quantity: 1 },
        { lineId: '3', erpLineNumber: null, sku: 'SOCK-1', quantity: 2 },
      ],
    });
  });

  it('send a package shipped without a tracking number with an empty one', () => {
    expect(toConfirmationRequest({ ...row, trackingNumber: null }).trackingNumber).toBe('');
  });
});
