import { sampleAcceptedLine, sampleOrderAccepted, sampleOrderCancelled } from '@crossdock/testing';
import { sampleBook, sampleLineState, samplePackageState, sampleShipmentState } from '../testing/shipment-book.fixture';
import { decideCancellation } from './order-cancellation.rules';
import { isNewerOutcome, releaseAcceptedOrder, type RuleContext } from './order-release.rules';
import { applyReleaseOutcome } from './release-outcome.rules';

let ids = 0;
const ctx: RuleContext = { now: 5_000, newEventId: () => `id-${++ids}` };

describe('releaseAcceptedOrder', () => {
  it('releases once per location, with the lines of that location and the order s shipping details', () => {
    const accepted = sampleOrderAccepted({
      orderId: 'O:1',
      lines: [
        sampleAcceptedLine({ lineId: '1', locationId: 'DC-RENO', quantity: 2 }),
        sampleAcceptedLine({ lineId: '2', locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' }),
        sampleAcceptedLine({ lineId: '3', locationId: 'DC-RENO' }),
      ],
    });
    const { book, releases } = releaseAcceptedOrder(accepted, ctx);
    expect(releases.map((r) => [r.releaseId, r.action, r.locationType, r.lines.map((l) => `${l.lineId}x${l.quantity}`)])).toEqual([
      ['O:1@DC-RENO', 'RELEASE', 'WAREHOUSE', ['1x2', '3x1']],
      ['O:1@3PL-DALLAS', 'RELEASE', 'THIRD_PARTY_LOGISTICS', ['2x1']],
    ]);
    expect(releases[0]).toMatchObject({ causationId: accepted.eventId, shipTo: accepted.shipTo, carrierCode: 'UPS', erpOrderNumber: accepted.erpOrderNumber });
    expect(book.order).toMatchObject({ status: 'RELEASED', version: 1, channelOrderId: accepted.channelOrderId });
    expect(book.shipments.map((s) => s.releaseStatus)).toEqual(['PENDING', 'PENDING']);
  });

  it('acts only on an outcome newer than the highest seen for the order', () => {
    expect(isNewerOutcome(1, null)).toBe(true);
    expect(isNewerOutcome(3, 2)).toBe(true);
    expect(isNewerOutcome(2, 2)).toBe(false);
    expect(isNewerOutcome(1, 2)).toBe(false);
  });
});

describe('decideCancellation', () => {
  const cancelled = (over = {}) =>
    sampleOrderCancelled({ orderId: 'SHOPIFY:acme:1001', cancelledLines: [{ lineId: '1', sku: 'TEE-BLK-M', quantity: 1 }], ...over });

  it('cancels a release nothing of which was picked: a CANCEL release and the lines cancelled', () => {
    const decision = decideCancellation(sampleBook(), cancelled(), ctx);
    expect(decision.cancels).toHaveLength(1);
    expect(decision.cancels[0]).toMatchObject({
      action: 'CANCEL',
      releaseId: 'SHOPIFY:acme:1001@DC-RENO',
      reason: 'CUSTOMER_REQUEST',
      lines: [{ lineId: '1', quantity: 1 }],
    });
    expect(decision.book.order).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(decision.book.order.lines[0]?.cancelledQuantity).toBe(1);
    expect(decision.book.shipments[0]?.releaseStatus).toBe('CANCEL_REQUESTED');
    expect(decision.refused).toEqual([]);
  });

  it('refuses with CANCEL_AFTER_PICK once picking began at the location', () => {
    const picked = sampleBook({ order: { ...sampleBook().order, lines: [sampleLineState({ pickedQuantity: 1 })] } });
    const decision = decideCancellation(picked, cancelled(), ctx);
    expect(decision.cancels).toEqual([]);
    expect(decision.refused).toEqual([expect.objectContaining({ reason: 'CANCEL_AFTER_PICK', shipmentId: 'SHOPIFY:acme:1001@DC-RENO' })]);
    expect(decision.changed).toBe(false);
    const packed = decideCancellation(sampleBook({ packages: [samplePackageState({ milestone: 'PACKED', shippedAt: null })] }), cancelled(), ctx);
    expect(packed.refused).toHaveLength(1);
  });

  it('does nothing for an outcome that cancelled nothing', () => {
    expect(decideCancellation(sampleBook(), cancelled({ status: 'NOT_CANCELLABLE', cancelledLines: [] }), ctx).changed).toBe(false);
    expect(decideCancellation(sampleBook(), cancelled({ status: 'UNKNOWN' }), ctx).cancels).toEqual([]);
  });
});

describe('applyReleaseOutcome', () => {
  const outcome = (status: 'SENT' | 'ACKNOWLEDGED' | 'REJECTED' | 'CANCELLED' | 'CANCEL_REFUSED', releaseId = 'SHOPIFY:acme:1001@DC-RENO') => ({
    eventId: 'out-1',
    causationId: 'rel-1',
    releaseId,
    orderId: 'SHOPIFY:acme:1001',
    locationId: 'DC-RENO',
    action: status.startsWith('CANCEL') ? ('CANCEL' as const) : ('RELEASE' as const),
    status,
    warehouseReference: 'PT-9',
    reason: status === 'REJECTED' ? 'ITEM_UNKNOWN' : status === 'CANCEL_REFUSED' ? 'ALREADY_PICKED' : null,
    detail: null,
    occurredAt: 6_000,
  });

  it('keeps the release state', () => {
    expect(applyReleaseOutcome(sampleBook(), outcome('ACKNOWLEDGED')).book.shipments[0]).toMatchObject({
      releaseStatus: 'ACKNOWLEDGED',
      warehouseReference: 'PT-9',
    });
    expect(applyReleaseOutcome(sampleBook(), outcome('CANCELLED')).exception).toBeNull();
  });

  it('turns REJECTED into RELEASE_REJECTED with the warehouse reason', () => {
    const decision = applyReleaseOutcome(sampleBook(), outcome('REJECTED'));
    expect(decision.exception).toEqual({ reason: 'RELEASE_REJECTED', detail: expect.stringContaining('ITEM_UNKNOWN') });
  });

  it('turns CANCEL_REFUSED into an exception and gives the cancelled lines back', () => {
    const requested = decideCancellation(
      sampleBook(),
      sampleOrderCancelled({ orderId: 'SHOPIFY:acme:1001', cancelledLines: [{ lineId: '1', sku: null, quantity: 1 }] }),
      ctx,
    ).book;
    const decision = applyReleaseOutcome(requested, outcome('CANCEL_REFUSED'));
    expect(decision.exception?.reason).toBe('CANCEL_REFUSED');
    expect(decision.book.order.lines[0]?.cancelledQuantity).toBe(0);
    expect(decision.book.order).toMatchObject({ status: 'RELEASED', version: 3 });
    expect(decision.changed).toBe(true);
  });

  it('calls an outcome for a release it never made UNKNOWN_RELEASE', () => {
    const book = sampleBook({ shipments: [sampleShipmentState()] });
    expect(applyReleaseOutcome(book, outcome('SENT', 'SHOPIFY:acme:1001@ELSEWHERE')).exception?.reason).toBe('UNKNOWN_RELEASE');
  });
});
