import { parseLocationMap, wmsShipmentMapper } from '@crossdock/connectors/domain';
import { gs1CheckDigit } from './parcel-labels.generator';
import { SIMULATED_WMS_FACILITY_MAP, SimulatedWmsSource, WmsFacilities } from './simulated-wms.source';
import { startWmsFeedSimulator, type WmsFeedSimulator } from './wms-feed.simulator';
import type { FulfilmentRequestInput } from './wms-fulfilment.desk';

const clock = () => Date.parse('2026-12-01T12:00:00.000Z');
const mapper = wmsShipmentMapper({ sourceSystem: 'wms-sim', locations: parseLocationMap(SIMULATED_WMS_FACILITY_MAP).map, clock });

function order(ref: string, lines: Array<[lineRef: string, itemNumber: string, qty: number]>, carrier = 'UPSN'): FulfilmentRequestInput {
  return {
    externalReference: `${ref}@DC-RENO`,
    facilityId: WmsFacilities.reno,
    orderRef: ref,
    customerReference: null,
    shipVia: { carrier, service: 'GROUND' },
    shipTo: null,
    requiredShipDate: null,
    lines: lines.map(([lineRef, itemNumber, qty]) => ({ lineRef, itemNumber, qty, uom: 'EA' })),
  };
}

function stocked(): SimulatedWmsSource {
  const wms = new SimulatedWmsSource({ itemCount: 3, clock });
  wms.setPosition('TENT-ULTRA-2P', WmsFacilities.reno, { physicalQty: 10, allocatedQty: 4, holds: [], inboundAsns: [] });
  wms.setPosition('STOVE-CAMP-2B', WmsFacilities.reno, { physicalQty: 1, allocatedQty: 0, holds: [], inboundAsns: [] });
  return wms;
}

describe('WmsFulfilmentDesk', () => {
  it('creates one request per external reference and refuses unknown facilities and items', () => {
    const desk = stocked().fulfilment;
    const first = desk.create(order('O-1', [['L1', 'TENT-ULTRA-2P', 2]]));
    const again = desk.create(order('O-1', [['L1', 'TENT-ULTRA-2P', 2]]));
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, request: first.request });
    expect(desk.all()).toHaveLength(1);
    expect(() => desk.create({ ...order('O-2', [['L1', 'TENT-ULTRA-2P', 1]]), facilityId: 'DAL3' })).toThrow(
      expect.objectContaining({ status: 422, code: 'UNKNOWN_FACILITY' }),
    );
    expect(() => desk.create(order('O-3', [['L1', 'NOPE', 1]]))).toThrow(expect.objectContaining({ status: 422, code: 'UNKNOWN_ITEM' }));
  });

  it('cancels until picking begins, then refuses with ALREADY_PICKED', () => {
    const desk = stocked().fulfilment;
    const early = desk.create(order('O-1', [['L1', 'TENT-ULTRA-2P', 1]])).request;
    expect(desk.cancel(early.requestId).status).toBe('CANCELLED');
    expect(desk.cancel(early.requestId).status).toBe('CANCELLED');
    const late = desk.create(order('O-2', [['L1', 'TENT-ULTRA-2P', 1]])).request;
    desk.pick(late.requestId);
    expect(() => desk.cancel(late.requestId)).toThrow(expect.objectContaining({ status: 409, code: 'ALREADY_PICKED' }));
  });

  it('short-picks what the shelf lacks, splits into cartons, ships in parts, and lowers only the physical count', () => {
    const wms = stocked();
    const desk = wms.fulfilment;
    const { requestId } = desk.create(
      order('O-1', [
        ['L1', 'TENT-ULTRA-2P', 3],
        ['L2', 'STOVE-CAMP-2B', 2],
      ]),
    ).request;
    const picked = desk.pick(requestId);
    expect(picked.lines.map((l) => [l.lineRef, l.qtyPicked, l.qtyShort, l.shortReason])).toEqual([
      ['L1', 3, 0, null],
      ['L2', 1, 1, 'STOCKOUT'],
    ]);
    const packed = desk.pack(requestId, [
      [{ lineRef: 'L1', qty: 2 }],
      [
        { lineRef: 'L1', qty: 1 },
        { lineRef: 'L2', qty: 1 },
      ],
    ]);
    expect(packed.cartons).toHaveLength(2);
    for (const carton of packed.cartons) {
      expect(carton.cartonId).toMatch(/^\d{18}$/);
      expect(carton.cartonId.at(-1)).toBe(gs1CheckDigit(carton.cartonId.slice(0, 17)));
      expect(carton.trackingNumber).toBeNull();
    }
    const [firstCarton, secondCarton] = packed.cartons.map((c) => c.cartonId);
    const first = desk.ship(requestId, { cartonIds: [firstCarton ?? ''] });
    expect(desk.get(requestId)?.status).toBe('PARTIALLY_SHIPPED');
    expect(first.lines.map((l) => [l.lineRef, l.qtyShipped])).toEqual([['L1', 2]]);
    expect(first.cartons[0]?.trackingNumber).toMatch(/^1Z[0-9A-Z]{16}$/);
    const second = desk.ship(requestId, { trackingNumbers: { [secondCarton ?? '']: '1ZREUSED0000000001' } });
    expect(second.cartons[0]?.trackingNumber).toBe('1ZREUSED0000000001');
    expect(desk.get(requestId)?.status).toBe('SHIPPED');
    expect(wms.position('TENT-ULTRA-2P', WmsFacilities.reno)).toMatchObject({ physicalQty: 7, allocatedQty: 4 });
    expect(wms.position('STOVE-CAMP-2B', WmsFacilities.reno)).toMatchObject({ physicalQty: 0, allocatedQty: 0 });
  });

  it('writes every step to its shipment-events feed in the WMS shape, which the mapper reads without a refusal', () => {
    const wms = stocked();
    const desk = wms.fulfilment;
    const { requestId } = desk.create(order('O-1', [['L1', 'TENT-ULTRA-2P', 1]], 'USPS')).request;
    desk.pick(requestId);
    desk.pack(requestId);
    desk.ship(requestId);
    const changes = wms.shipments.changesSince('0', 10).changes;
    expect(changes.map((c) => (c['record'] as { eventType: string }).eventType)).toEqual(['PICK_CONFIRMED', 'PACK_CONFIRMED', 'SHIP_CONFIRMED']);
    const outcomes = changes.map(mapper);
    expect(outcomes.map((o) => (o.kind === 'upsert' ? o.value.stage : o.kind))).toEqual(['PICKED', 'PACKED', 'SHIPPED']);
    const shipped = outcomes[2];
    expect(shipped?.kind === 'upsert' && shipped.value.packages[0]?.trackingNumber).toMatch(/^9400\d{18}$/);
    expect(wms.shipments.snapshot(null, 10).records).toHaveLength(3);
  });

  it('fulfils by itself after the delay when asked to (the demo)', () => {
    let now = clock();
    const wms = new SimulatedWmsSource({ itemCount: 3, clock: () => now, autoFulfilment: { delayMs: 1000 } });
    wms.setPosition('TENT-ULTRA-2P', WmsFacilities.reno, { physicalQty: 10, allocatedQty: 0, holds: [], inboundAsns: [] });
    const { requestId } = wms.fulfilment.create(order('O-1', [['L1', 'TENT-ULTRA-2P', 2]], 'FDEG')).request;
    expect(wms.fulfilment.advance()).toBe(0);
    for (const status of ['PICKED', 'PACKED', 'SHIPPED']) {
      now += 1000;
      wms.fulfilment.advance();
      expect(wms.fulfilment.get(requestId)?.status).toBe(status);
    }
    expect(wms.fulfilment.get(requestId)?.cartons[0]?.trackingNumber).toMatch(/^\d{12}$/);
  });
});

describe('WMS fulfilment API', () => {
  let sim: WmsFeedSimulator;
  const post = (path: string, body: unknown) =>
    fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as Record<string, unknown>,
    }));

  beforeAll(async () => {
    sim = await startWmsFeedSimulator({ itemCount: 3, seed: 4 });
    sim.wms.setPosition('TENT-ULTRA-2P', WmsFacilities.reno, { physicalQty: 10, allocatedQty: 0, holds: [], inboundAsns: [] });
  });
  afterAll(() => sim.stop());

  it('answers 201 then 200 for the same external reference, 400 naming a bad field, 409 for a late cancel, 503 in an outage', async () => {
    const created = await post('/api/fulfillment-requests', order('O-9', [['L1', 'TENT-ULTRA-2P', 1]]));
    const again = await post('/api/fulfillment-requests', order('O-9', [['L1', 'TENT-ULTRA-2P', 1]]));
    expect([created.status, again.status, again.body['requestId']]).toEqual([201, 200, created.body['requestId']]);
    expect(await post('/api/fulfillment-requests', { ...order('O-10', []), lines: [{ lineRef: 'L1', itemNumber: 'TENT-ULTRA-2P' }] })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_REQUEST', field: 'lines[0].qty' },
    });
    sim.wms.fulfilment.pick(String(created.body['requestId']));
    expect(await post(`/api/fulfillment-requests/${String(created.body['requestId'])}/cancel`, {})).toMatchObject({
      status: 409,
      body: { code: 'ALREADY_PICKED' },
    });
    sim.wms.outage.start();
    expect((await post('/api/fulfillment-requests', order('O-11', [['L1', 'TENT-ULTRA-2P', 1]]))).status).toBe(503);
    sim.wms.outage.end();
    expect(sim.wms.fulfilment.byExternalReference('O-11@DC-RENO')).toBeUndefined();
  });
});
