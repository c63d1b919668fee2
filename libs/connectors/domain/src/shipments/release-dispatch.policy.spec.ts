import type { WarehouseRelease } from '@crossdock/contracts';
import { parseLocationMap } from '../mapping/location-map';
import { afterReleaseAttempt, planReleaseDispatch, releaseRoute, wmsAnswer, type LocationDispatchState } from './release-dispatch.policy';

const { map: facilities } = parseLocationMap('RNO1=DC-RENO:WAREHOUSE,ATL1=DC-ATLANTA:WAREHOUSE,DAL3=3PL-DALLAS:THIRD_PARTY_LOGISTICS');
const mailboxes = new Set(['3PL-DALLAS']);
const backoff = { initialMs: 100, maxMs: 1_000 };

function release(patch: Partial<WarehouseRelease> = {}): WarehouseRelease {
  return {
    eventId: 'e-1',
    causationId: 'c-1',
    releaseId: 'SHOPIFY:acme:1@DC-RENO',
    action: 'RELEASE',
    orderId: 'SHOPIFY:acme:1',
    channel: 'SHOPIFY',
    channelAccountId: 'acme',
    channelOrderId: '1',
    erpOrderNumber: 'SO-1',
    locationId: 'DC-RENO',
    locationType: 'WAREHOUSE',
    carrierCode: 'UPSN',
    serviceCode: 'GROUND',
    shipBy: null,
    shipTo: null,
    lines: [{ lineId: 'L1', sku: 'TENT-ULTRA-2P', quantity: 2, unitOfMeasure: 'EA' }],
    reason: null,
    occurredAt: 1,
    ...patch,
  };
}

describe('releaseRoute', () => {
  it('sends a warehouse to the WMS with its facility id, and a 3PL to its mailbox', () => {
    expect(releaseRoute(release(), facilities, mailboxes)).toEqual({ kind: 'WMS', facilityId: 'RNO1' });
    expect(releaseRoute(release({ locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS' }), facilities, mailboxes)).toEqual({
      kind: 'MAILBOX',
      locationId: '3PL-DALLAS',
    });
    expect(releaseRoute(release({ action: 'CANCEL', lines: [] }), facilities, mailboxes)).toEqual({ kind: 'WMS', facilityId: 'RNO1' });
  });

  it.each([
    ['an unmapped warehouse', { locationId: 'DC-NOWHERE' }, 'UNKNOWN_LOCATION'],
    ['a 3PL without a mailbox', { locationId: '3PL-RENO', locationType: 'THIRD_PARTY_LOGISTICS' as const }, 'UNKNOWN_LOCATION'],
    ['a 3PL named as a warehouse', { locationId: '3PL-DALLAS' }, 'LOCATION_TYPE_MISMATCH'],
    ['a store', { locationType: 'STORE' as const }, 'UNSUPPORTED_LOCATION_TYPE'],
    ['an unknown action', { action: 'UNKNOWN' as const }, 'UNKNOWN_ACTION'],
    ['a release without lines', { lines: [] }, 'NO_LINES'],
    ['a zero quantity', { lines: [{ lineId: 'L1', sku: 'X', quantity: 0, unitOfMeasure: 'EA' }] }, 'BAD_QUANTITY'],
  ])('refuses %s', (_what, patch, code) => {
    expect(releaseRoute(release(patch), facilities, mailboxes)).toMatchObject({ kind: 'REFUSED', code });
  });
});

describe('planReleaseDispatch', () => {
  const queued = [
    { id: '1', locationId: 'DC-RENO' },
    { id: '2', locationId: 'DC-RENO' },
    { id: '3', locationId: 'DC-ATLANTA' },
    { id: '4', locationId: '3PL-DALLAS' },
  ];

  it("sends each location's oldest release, one at a time per location", () => {
    expect(planReleaseDispatch(queued, new Map(), new Set(), 1_000)).toEqual({ dispatch: [queued[0], queued[2], queued[3]], nextWakeAt: null });
    expect(planReleaseDispatch(queued, new Map(), new Set(['DC-RENO']), 1_000).dispatch.map((q) => q.id)).toEqual(['3', '4']);
  });

  it('holds back only the location that is down, and says when it may try again', () => {
    const down = new Map<string, LocationDispatchState>([['DC-RENO', { failures: 2, nextAttemptAt: 1_200, lastError: 'WMS answered 503' }]]);
    expect(planReleaseDispatch(queued, down, new Set(), 1_000)).toEqual({ dispatch: [queued[2], queued[3]], nextWakeAt: 1_200 });
    expect(planReleaseDispatch(queued, down, new Set(), 1_200).dispatch.map((q) => q.id)).toEqual(['1', '3', '4']);
  });
});

describe('afterReleaseAttempt', () => {
  it('backs off doubling up to the cap while the system is unreachable, and resets once it answers', () => {
    let state: LocationDispatchState | undefined;
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      state = afterReleaseAttempt(state, { reached: false, error: 'WMS answered 503' }, 0, backoff);
      waits.push(state.nextAttemptAt);
    }
    expect(waits).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(afterReleaseAttempt(state, { reached: true }, 5_000, backoff)).toEqual({ failures: 0, nextAttemptAt: 5_000, lastError: null });
  });
});

describe('wmsAnswer', () => {
  it('reads created, refused and unavailable answers', () => {
    expect(wmsAnswer('RELEASE', { status: 201, body: { requestId: 'FR-1' } })).toEqual({
      kind: 'OUTCOME',
      status: 'SENT',
      warehouseReference: 'FR-1',
      reason: null,
      detail: null,
    });
    expect(wmsAnswer('RELEASE', { status: 200, body: { requestId: 'FR-1' } })).toMatchObject({ status: 'SENT', warehouseReference: 'FR-1' });
    expect(wmsAnswer('RELEASE', { status: 422, body: { code: 'UNKNOWN_ITEM', message: 'item X is not kept at RNO1' } })).toMatchObject({
      status: 'REJECTED',
      reason: 'UNKNOWN_ITEM',
      detail: 'item X is not kept at RNO1',
    });
    expect(wmsAnswer('CANCEL', { status: 200, body: { requestId: 'FR-1', status: 'CANCELLED' } })).toMatchObject({
      status: 'CANCELLED',
      warehouseReference: 'FR-1',
    });
    expect(wmsAnswer('CANCEL', { status: 409, body: { code: 'ALREADY_PICKED', message: 'picking has begun' } })).toMatchObject({
      status: 'CANCEL_REFUSED',
      reason: 'ALREADY_PICKED',
    });
    expect(wmsAnswer('RELEASE', { status: 400, body: null })).toMatchObject({ status: 'REJECTED', reason: 'HTTP_400' });
    for (const status of [500, 503, 408, 429]) expect(wmsAnswer('RELEASE', { status, body: null }).kind).toBe('UNREACHABLE');
  });
});
