import { CarrierDirectory } from '../carriers/carrier-directory';
import { sampleBook, samplePackageState } from '../testing/shipment-book.fixture';
import { sampleTrackingUpdate } from '../testing/shipment-facts.fixture';
import { trackingFactId, warehouseFactId } from './fact-keys';
import { applyTrackingUpdate, trackingCarrier } from './tracking-fact.rules';
import { trackedPackage } from './tracking-reuse.rule';
import { expiredWait, graceCutoff } from './waiting-grace.rule';

const shipped = () =>
  sampleBook({
    packages: [samplePackageState()],
    order: { ...sampleBook().order, lines: [{ ...sampleBook().order.lines[0]!, shippedQuantity: 1, pickedQuantity: 1 }], status: 'SHIPPED', version: 2 },
  });
const applied = (decision: ReturnType<typeof applyTrackingUpdate>) => {
  if (decision.kind !== 'APPLIED') throw new Error(`expected APPLIED, got ${JSON.stringify(decision)}`);
  return decision;
};

describe('applyTrackingUpdate', () => {
  it('moves the package and keeps the carrier s raw status, detail and scan location', () => {
    const decision = applied(applyTrackingUpdate(shipped(), 'wms-main:CTN-1', sampleTrackingUpdate()));
    expect(decision.effects.milestones).toEqual([
      expect.objectContaining({
        milestone: 'IN_TRANSIT',
        source: 'CARRIER',
        sourceStatus: 'in_transit',
        sourceStatusDetail: 'arrived_at_facility',
        location: { city: 'Reno', region: 'NV', postalCode: '89501', countryCode: 'US' },
      }),
    ]);
    expect(decision.effects.fulfilmentChanged).toBe(false);
  });

  it('counts delivered units once and keeps a late in-transit in history as MILESTONE_REGRESSION', () => {
    const delivered = applied(
      applyTrackingUpdate(shipped(), 'wms-main:CTN-1', sampleTrackingUpdate({ status: 'DELIVERED', rawStatus: 'delivered', occurredAt: 3_000 })),
    );
    expect(delivered.book.order).toMatchObject({ status: 'DELIVERED', version: 3 });
    expect(delivered.book.order.lines[0]?.deliveredQuantity).toBe(1);
    const late = applied(applyTrackingUpdate(delivered.book, 'wms-main:CTN-1', sampleTrackingUpdate()));
    expect(late.effects.milestones).toEqual([]);
    expect(late.effects.history).toEqual([expect.objectContaining({ outcome: 'MILESTONE_REGRESSION', milestone: 'IN_TRANSIT', sourceStatus: 'in_transit' })]);
    expect(late.book.order.version).toBe(3);
  });

  it('delivered before the warehouse said shipped: the units count as shipped and delivered', () => {
    const packed = sampleBook({ packages: [samplePackageState({ milestone: 'PACKED', progressRank: 3, shippedAt: null })] });
    const decision = applied(applyTrackingUpdate(packed, 'wms-main:CTN-1', sampleTrackingUpdate({ status: 'DELIVERED', rawStatus: 'delivered' })));
    expect(decision.effects.newlyShipped).toEqual(['wms-main:CTN-1']);
    expect(decision.book.order.lines[0]).toMatchObject({ shippedQuantity: 1, deliveredQuantity: 1 });
    expect(decision.book.order.status).toBe('DELIVERED');
  });

  it('waits for a package with its carrier and number', () => {
    expect(applyTrackingUpdate(null, null, sampleTrackingUpdate())).toMatchObject({ kind: 'WAITING', reason: 'PACKAGE_NOT_KNOWN' });
  });

  it('keeps an EasyPost unknown in history and moves nothing', () => {
    const decision = applied(applyTrackingUpdate(shipped(), 'wms-main:CTN-1', sampleTrackingUpdate({ status: 'UNKNOWN', rawStatus: 'unknown' })));
    expect(decision.effects.milestones).toEqual([]);
    expect(decision.effects.history[0]?.outcome).toBe('NO_MILESTONE');
  });

  it('CARRIER_UNMAPPED for a provider carrier name the directory does not know', () => {
    const carriers = CarrierDirectory.standard();
    expect(trackingCarrier(sampleTrackingUpdate({ carrier: 'FedEx' }), carriers)).toEqual({ kind: 'MAPPED', carrierCode: 'FDEG' });
    expect(trackingCarrier(sampleTrackingUpdate({ carrier: 'LaserShip' }), carriers)).toMatchObject({ kind: 'EXCEPTION', reason: 'CARRIER_UNMAPPED' });
  });
});

describe('fact keys, tracking matches and waiting', () => {
  it('keys warehouse facts by source system + fact key and tracking by carrier + number + time + status', () => {
    expect(warehouseFactId({ sourceSystem: 'wms-main', factKey: 'evt-1' })).toBe('warehouse:wms-main:evt-1');
    const update = sampleTrackingUpdate();
    expect(trackingFactId(update, 'UPSN')).toBe('tracking:UPSN:1Z001:2000:IN_TRANSIT');
    const redelivered = { ...update, eventId: 'another-webhook-event', sourceEventId: 'evt_2' };
    expect(trackingFactId(redelivered, 'UPSN')).toBe(trackingFactId(update, 'UPSN'));
    expect(trackingFactId({ ...update, status: 'UNKNOWN', rawStatus: 'held_at_customs' }, 'UPSN')).toBe('tracking:UPSN:1Z001:2000:held_at_customs');
  });

  it('sends tracking to the newest use of a number', () => {
    const use = { orderId: 'A', packageReference: 'p-old', carrierCode: 'UPSN', trackingNumber: '1Z', usedAt: 1 };
    expect(trackedPackage([use, { ...use, orderId: 'B', packageReference: 'p-new', usedAt: 9 }])?.packageReference).toBe('p-new');
    expect(trackedPackage([])).toBeUndefined();
  });

  it('turns a wait past the grace period into UNKNOWN_ORDER or UNKNOWN_TRACKING_NUMBER', () => {
    expect(expiredWait('ORDER_NOT_ACCEPTED', 1_000, 1_500, 1_000)).toBeNull();
    expect(expiredWait('ORDER_NOT_ACCEPTED', 1_000, 2_000, 1_000)).toBe('UNKNOWN_ORDER');
    expect(expiredWait('PACKAGE_NOT_KNOWN', 1_000, 2_500, 1_000)).toBe('UNKNOWN_TRACKING_NUMBER');
    expect(graceCutoff(10_000, 3_000)).toBe(7_000);
  });
});
