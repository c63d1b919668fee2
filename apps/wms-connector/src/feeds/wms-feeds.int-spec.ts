import { startWmsFeedSimulator, type WmsFeedSimulator } from '@crossdock/connectors/simulators';
import { http } from '@crossdock/service-testing';
import type { TableTopicRecorder, TopicRecorder } from '@crossdock/testing';
import { messageKey, Topics, type InventoryPosition, type WarehouseShipment } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { metricValue, waitFor } from '@crossdock/testing';
import { startConnector, wmsConnectorHarness } from '../test-support/wms-connector.fixture';

const HUB: Record<string, string> = { RNO1: 'DC-RENO', ATL1: 'DC-ATLANTA', DAL3: '3PL-DALLAS' };

interface Rejection {
  sourceKey: string;
  reason: string;
  field: string;
}

describe('wms-connector: WMS allocations and holds to the WMS position topic', () => {
  const harness = wmsConnectorHarness('wms-feeds');
  let sim: WmsFeedSimulator;
  let service: RunningService | undefined;
  let baseUrl: string;
  let positions: TableTopicRecorder<InventoryPosition>;
  let shipments: TopicRecorder<WarehouseShipment>;

  const at = (sku: string, facility: string) => positions.table().get(`${sku}@${HUB[facility]}`);
  const until = (what: string, check: () => boolean) => waitFor(() => (check() ? true : undefined), { what });
  const cursor = async () => (await http<{ feeds: Array<{ cursor: string | null }> }>(`${baseUrl}/status`)).body.feeds[0]?.cursor;
  const drained = () => waitFor(async () => ((await cursor()) === sim.wms.feedToken() ? true : undefined), { what: 'the feed published up to the WMS head' });

  beforeAll(async () => {
    await harness.setUp();
    sim = await startWmsFeedSimulator({ seed: 5, itemCount: 30 });
    positions = await harness.recordTable(Topics.wmsInventoryPositions);
    shipments = await harness.record(Topics.wmsShipments);
    ({ service, baseUrl } = await startConnector(harness, sim));
  });

  afterAll(async () => {
    await service?.stop();
    await sim?.stop();
    await harness.tearDown();
  });

  it('publishes every SKU-facility on first start with allocations, holds and ASNs, keyed {sku}@{locationId}', async () => {
    const expected = sim.wms.positions();
    await until(`${expected.length} positions`, () => positions.table().size === expected.length);
    for (const record of positions.records) expect(record.key).toBe(messageKey(Topics.wmsInventoryPositions, record.value as InventoryPosition));
    for (const row of expected) {
      expect(at(row.sku, row.facilityId)).toEqual({
        sku: row.sku,
        locationId: HUB[row.facilityId],
        locationType: row.facilityId === 'DAL3' ? 'THIRD_PARTY_LOGISTICS' : 'WAREHOUSE',
        unitOfMeasure: 'EA',
        onHand: row.physicalQty,
        allocated: row.allocatedQty,
        qualityHold: row.holds.reduce((sum, hold) => sum + hold.qty, 0),
        inbound: row.inboundAsns.map((asn) => ({
          quantity: asn.qty,
          expectedAt: asn.eta === null ? null : Date.parse(asn.eta),
          sourceType: 'ADVANCE_SHIP_NOTICE',
          reference: asn.asnNumber,
        })),
        sourceSystem: 'wms-sim',
        asOf: Date.parse(row.updatedAt),
        version: row.sequence,
      });
    }
    expect(expected.some((row) => row.holds.length > 0) && expected.some((row) => row.inboundAsns.length > 0)).toBe(true);
  });

  it('publishes allocations, holds and shipments as they happen, and a removed SKU-facility as a tombstone', async () => {
    sim.wms.setPosition('TENT-ULTRA-2P', 'RNO1', { physicalQty: 60, allocatedQty: 0, holds: [], inboundAsns: [] });
    sim.wms.allocate('TENT-ULTRA-2P', 'RNO1', 9);
    sim.wms.hold('TENT-ULTRA-2P', 'RNO1', 4, 'DAMAGE');
    sim.wms.ship('TENT-ULTRA-2P', 'RNO1', 5);
    await until('allocation, hold and shipment', () => {
      const p = at('TENT-ULTRA-2P', 'RNO1');
      return p?.onHand === 55 && p.allocated === 4 && p.qualityHold === 4;
    });
    sim.wms.remove('STOVE-CAMP-2B', 'ATL1');
    await until('tombstone', () => positions.tombstones().includes('STOVE-CAMP-2B@DC-ATLANTA'));
    expect(positions.table().has('STOVE-CAMP-2B@DC-ATLANTA')).toBe(false);
  });

  it('rejects and lists records it cannot map, still publishing the others', async () => {
    sim.wms.injectBadRecord('NEGATIVE_ON_HAND', 'STOVE-CAMP-2B');
    sim.wms.injectBadRecord('UNKNOWN_WAREHOUSE', 'STOVE-CAMP-2B');
    sim.wms.injectBadRecord('MISSING_SKU');
    sim.wms.allocate('TENT-ULTRA-2P', 'RNO1', 1);
    await until('the allocation after the bad records', () => at('TENT-ULTRA-2P', 'RNO1')?.allocated === 5);
    const listed = await waitFor(
      async () => {
        const body = (await http<{ rejections: Rejection[] }>(`${baseUrl}/rejections?feed=inventory`)).body;
        return body.rejections.length === 3 ? body.rejections : undefined;
      },
      { what: 'three rejections' },
    );
    expect(listed.map((r) => [r.reason, r.sourceKey, r.field]).sort()).toEqual([
      ['MISSING_SKU', '(missing sku)@RNO1', 'sku'],
      ['NEGATIVE_ON_HAND', 'STOVE-CAMP-2B@RNO1', 'physicalQty'],
      ['UNKNOWN_WAREHOUSE', 'STOVE-CAMP-2B@XX9', 'facilityId'],
    ]);
    expect(positions.records.some((r) => r.key.endsWith('@XX9') || (r.value?.onHand ?? 0) < 0)).toBe(false);
    expect(await metricValue(baseUrl, 'crossdock_connector_rejections_total', { feed: 'inventory', reason: 'UNKNOWN_WAREHOUSE' })).toBe(1);
  });

  it('survives a WMS outage and resumes after a restart without skipping or repeating', async () => {
    await drained();
    sim.wms.outage.start();
    sim.wms.allocate('TENT-ULTRA-2P', 'RNO1', 2);
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 503 ? true : undefined), { what: 'readiness 503' });
    await service?.stop();
    service = undefined;
    sim.wms.outage.end();
    sim.wms.tick(10);
    const before = positions.records.length;
    const head = sim.wms.headSeq();

    ({ service, baseUrl } = await startConnector(harness, sim));
    await drained();
    await until('the outage allocation', () => at('TENT-ULTRA-2P', 'RNO1')?.allocated === 7);
    for (const row of sim.wms.positions().filter((p) => HUB[p.facilityId])) {
      const published = at(row.sku, row.facilityId);
      // A negative physical count was refused, so that one position keeps its last good figure.
      if (row.physicalQty >= 0) expect(published?.version).toBe(row.sequence);
    }
    const changedSince = new Set(
      sim.wms.inventory.changesSince(sim.wms.feedToken(head - 11), 100).changes.map((c) => `${String(c['sku'])}@${HUB[String(c['facilityId'])]}`),
    );
    expect(positions.records.slice(before).filter((r) => !changedSince.has(r.key))).toEqual([]);
  });

  it('resync republishes every position the WMS holds now (not the one it still holds refused)', async () => {
    const keys = sim.wms
      .positions()
      .filter((row) => HUB[row.facilityId] && row.physicalQty >= 0)
      .map((row) => `${row.sku}@${HUB[row.facilityId]}`);
    expect(keys.length).toBe(positions.table().size - 1);
    const counts = new Map(keys.map((key) => [key, positions.forKey(key).length]));
    expect((await http(`${baseUrl}/resync`, { method: 'POST' })).status).toBe(200);
    await until('every position once more', () => keys.every((key) => positions.forKey(key).length === (counts.get(key) ?? 0) + 1));
  });

  it('publishes the WMS pick, pack and ship confirmations as shipment facts keyed by order: short-picked, split into cartons, shipped in two parts', async () => {
    sim.wms.setPosition('TENT-ULTRA-2P', 'ATL1', { physicalQty: 5, allocatedQty: 0, holds: [], inboundAsns: [] });
    sim.wms.setPosition('STOVE-CAMP-2B', 'ATL1', { physicalQty: 1, allocatedQty: 0, holds: [], inboundAsns: [] });
    const desk = sim.wms.fulfilment;
    const { requestId } = desk.create({
      externalReference: 'SHOPIFY:acme:77@DC-ATLANTA',
      facilityId: 'ATL1',
      orderRef: 'SHOPIFY:acme:77',
      customerReference: '77',
      shipVia: { carrier: 'UPSN', service: 'GROUND' },
      shipTo: null,
      requiredShipDate: null,
      lines: [
        { lineRef: 'L1', itemNumber: 'TENT-ULTRA-2P', qty: 3, uom: 'EA' },
        { lineRef: 'L2', itemNumber: 'STOVE-CAMP-2B', qty: 2, uom: 'EA' },
      ],
    }).request;
    desk.pick(requestId);
    const [first, second] = desk.pack(requestId, [[{ lineRef: 'L1', qty: 3 }], [{ lineRef: 'L2', qty: 1 }]]).cartons;
    desk.ship(requestId, { cartonIds: [first?.cartonId ?? ''] });
    desk.ship(requestId, { trackingNumbers: { [second?.cartonId ?? '']: '1Z4X7W930312345678' } });
    const facts = await waitFor(() => (shipments.records.length >= 4 ? shipments.records : undefined), { what: 'four shipment facts' });
    expect(facts.map((r) => [r.key, r.value.stage, r.value.locationId, r.value.warehouseOrderRef])).toEqual([
      ['SHOPIFY:acme:77', 'PICKED', 'DC-ATLANTA', requestId],
      ['SHOPIFY:acme:77', 'PACKED', 'DC-ATLANTA', requestId],
      ['SHOPIFY:acme:77', 'SHIPPED', 'DC-ATLANTA', requestId],
      ['SHOPIFY:acme:77', 'SHIPPED', 'DC-ATLANTA', requestId],
    ]);
    expect(facts[0]?.value.lines).toEqual([
      { lineId: 'L1', sku: 'TENT-ULTRA-2P', quantity: 3, shortQuantity: 0, shortReason: null },
      { lineId: 'L2', sku: 'STOVE-CAMP-2B', quantity: 1, shortQuantity: 1, shortReason: 'STOCKOUT' },
    ]);
    expect(facts.slice(2).map((r) => r.value.packages.map((p) => [p.packageReference, p.trackingNumber, p.lines.map((l) => [l.lineId, l.quantity])]))).toEqual([
      [[first?.cartonId, desk.get(requestId)?.cartons[0]?.trackingNumber, [['L1', 3]]]],
      [[second?.cartonId, '1Z4X7W930312345678', [['L2', 1]]]],
    ]);
    expect(new Set(facts.map((r) => r.value.factKey)).size).toBe(4);
    expect(facts.every((r) => r.value.releaseId === 'SHOPIFY:acme:77@DC-ATLANTA' && r.value.source === 'WMS')).toBe(true);
    await until('the shipped units off the physical count', () => at('TENT-ULTRA-2P', 'ATL1')?.onHand === 2 && at('STOVE-CAMP-2B', 'ATL1')?.onHand === 0);
  });
});
