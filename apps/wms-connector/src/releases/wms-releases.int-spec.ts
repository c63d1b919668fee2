import { startWmsFeedSimulator, type WmsFeedSimulator } from '@crossdock/connectors/simulators';
import { http } from '@crossdock/service-testing';
import { Topics, topicName, type WarehouseReleaseOutcome, type WarehouseShipment } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { DeadLetterReader, waitFor, type TopicRecorder } from '@crossdock/testing';
import { cancellationOf, releaseOf, type ReleaseView, startConnector, wmsConnectorHarness } from '../test-support/wms-connector.fixture';

describe('wms-connector: warehouse releases to the WMS API, outcomes and shipment facts back', () => {
  const harness = wmsConnectorHarness('wms-releases');
  let sim: WmsFeedSimulator;
  let service: RunningService | undefined;
  let baseUrl: string;
  let outcomes: TopicRecorder<WarehouseReleaseOutcome>;
  let shipments: TopicRecorder<WarehouseShipment>;
  let deadLetters: DeadLetterReader;

  const outcomesOf = (releaseId: string) => outcomes.values().filter((o) => o.releaseId === releaseId);
  const outcome = (releaseId: string, status: string) =>
    waitFor(() => outcomesOf(releaseId).find((o) => o.status === status), { what: `${status} outcome of ${releaseId}` });
  const releases = async (query = '') => (await http<{ releases: ReleaseView[] }>(`${baseUrl}/releases${query}`)).body.releases;

  beforeAll(async () => {
    await harness.setUp();
    sim = await startWmsFeedSimulator({ seed: 11, itemCount: 20 });
    outcomes = await harness.record(Topics.warehouseReleaseOutcomes);
    shipments = await harness.record(Topics.wmsShipments);
    deadLetters = new DeadLetterReader(harness.kafka, harness.serde, Topics.wmsConnectorDeadLetters, harness.namespace);
    await deadLetters.start();
    ({ service, baseUrl } = await startConnector(harness, sim));
  });

  afterAll(async () => {
    await service?.stop();
    await deadLetters?.stop();
    await sim?.stop();
    await harness.tearDown();
  });

  it('creates one WMS request for a release delivered three times, and publishes one SENT outcome naming it', async () => {
    const release = releaseOf('DC-RENO', [['TENT-ULTRA-2P', 2]]);
    await harness.publish(Topics.warehouseReleases, [release, release, release]);
    const sent = await outcome(release.releaseId, 'SENT');
    const request = sim.wms.fulfilment.byExternalReference(release.releaseId);
    expect(request).toMatchObject({ facilityId: 'RNO1', orderRef: release.orderId, status: 'RELEASED', shipVia: { carrier: 'UPSN', service: 'GROUND' } });
    expect(request?.lines.map((l) => [l.lineRef, l.itemNumber, l.qtyOrdered])).toEqual([['L1', 'TENT-ULTRA-2P', 2]]);
    expect(sent).toMatchObject({
      orderId: release.orderId,
      locationId: 'DC-RENO',
      action: 'RELEASE',
      warehouseReference: request?.requestId,
      causationId: release.eventId,
    });
    // A later release proves the redeliveries were all consumed by then.
    const later = releaseOf('DC-ATLANTA', [['STOVE-CAMP-2B', 1]]);
    await harness.publish(Topics.warehouseReleases, [later]);
    await outcome(later.releaseId, 'SENT');
    expect(sim.wms.fulfilment.all().filter((r) => r.externalReference === release.releaseId)).toHaveLength(1);
    expect(outcomesOf(release.releaseId)).toHaveLength(1);
    expect((await releases(`?locationId=DC-RENO`)).find((r) => r.releaseId === release.releaseId)).toMatchObject({
      status: 'SENT',
      warehouseReference: request?.requestId,
    });
  });

  it('queues releases while the WMS is down and sends them once it is back', async () => {
    sim.wms.outage.start();
    const release = releaseOf('DC-RENO', [['TENT-ULTRA-2P', 1]]);
    await harness.publish(Topics.warehouseReleases, [release]);
    const queued = await waitFor(async () => (await releases('?status=QUEUED')).find((r) => r.releaseId === release.releaseId && r.attempts >= 2), {
      what: 'the release queued after failed attempts',
    });
    expect(queued.lastError).toMatch(/503/);
    expect(sim.wms.fulfilment.byExternalReference(release.releaseId)).toBeUndefined();
    sim.wms.outage.end();
    const sent = await outcome(release.releaseId, 'SENT');
    expect(sent.warehouseReference).toBe(sim.wms.fulfilment.byExternalReference(release.releaseId)?.requestId);
    expect(outcomesOf(release.releaseId)).toHaveLength(1);
  });

  it('cancels a release not yet picked, and reports a cancellation after picking as refused with the WMS reason', async () => {
    const early = releaseOf('DC-RENO', [['TENT-ULTRA-2P', 1]]);
    await harness.publish(Topics.warehouseReleases, [early]);
    await outcome(early.releaseId, 'SENT');
    await harness.publish(Topics.warehouseReleases, [cancellationOf(early)]);
    expect(await outcome(early.releaseId, 'CANCELLED')).toMatchObject({
      action: 'CANCEL',
      warehouseReference: sim.wms.fulfilment.byExternalReference(early.releaseId)?.requestId,
    });
    expect(sim.wms.fulfilment.byExternalReference(early.releaseId)?.status).toBe('CANCELLED');

    const late = releaseOf('DC-RENO', [['TENT-ULTRA-2P', 1]]);
    await harness.publish(Topics.warehouseReleases, [late]);
    const sent = await outcome(late.releaseId, 'SENT');
    sim.wms.fulfilment.pick(sent.warehouseReference ?? '');
    await harness.publish(Topics.warehouseReleases, [cancellationOf(late)]);
    expect(await outcome(late.releaseId, 'CANCEL_REFUSED')).toMatchObject({ action: 'CANCEL', reason: 'ALREADY_PICKED' });
    expect(sim.wms.fulfilment.byExternalReference(late.releaseId)?.status).toBe('PICKED');
  });

  it('publishes what the WMS picked, packed and shipped for a release: short-picked, split into two cartons with their tracking numbers', async () => {
    sim.wms.setPosition('BAG-0007', 'RNO1', { physicalQty: 0, allocatedQty: 0, holds: [], inboundAsns: [] });
    sim.wms.setPosition('TENT-ULTRA-2P', 'RNO1', { physicalQty: 50, allocatedQty: 5, holds: [], inboundAsns: [] });
    const release = releaseOf('DC-RENO', [
      ['TENT-ULTRA-2P', 2],
      ['BAG-0007', 1],
    ]);
    await harness.publish(Topics.warehouseReleases, [release]);
    const requestId = (await outcome(release.releaseId, 'SENT')).warehouseReference ?? '';
    const desk = sim.wms.fulfilment;
    desk.pick(requestId);
    desk.pack(requestId, [[{ lineRef: 'L1', qty: 1 }], [{ lineRef: 'L1', qty: 1 }]]);
    desk.ship(requestId);
    const facts = await waitFor(
      () => {
        const mine = shipments.records.filter((r) => r.value.releaseId === release.releaseId);
        return mine.length === 3 ? mine : undefined;
      },
      { what: 'pick, pack and ship facts of the release' },
    );
    expect(facts.map((r) => [r.key, r.value.stage])).toEqual([
      [release.orderId, 'PICKED'],
      [release.orderId, 'PACKED'],
      [release.orderId, 'SHIPPED'],
    ]);
    expect(facts[0]?.value.lines).toEqual([
      { lineId: 'L1', sku: 'TENT-ULTRA-2P', quantity: 2, shortQuantity: 0, shortReason: null },
      { lineId: 'L2', sku: 'BAG-0007', quantity: 0, shortQuantity: 1, shortReason: 'STOCKOUT' },
    ]);
    const shipped = facts[2]?.value;
    expect(shipped).toMatchObject({ locationId: 'DC-RENO', warehouseOrderRef: requestId, lines: [{ lineId: 'L1', quantity: 2 }] });
    expect(shipped?.packages).toHaveLength(2);
    expect(shipped?.packages.map((p) => p.trackingNumber)).toEqual(desk.get(requestId)?.cartons.map((c) => c.trackingNumber));
    expect(shipped?.packages.every((p) => /^1Z[0-9A-Z]{16}$/.test(p.trackingNumber ?? '') && p.lines[0]?.quantity === 1 && p.weight?.unit === 'LB')).toBe(true);
    // Shipping lowered the physical count only; the WMS's allocations are not the hub's reservations.
    expect(sim.wms.position('TENT-ULTRA-2P', 'RNO1')).toMatchObject({ physicalQty: 48, allocatedQty: 5 });
  });

  it('dead-letters a release it cannot read or route, with the original bytes, and goes on with the next on the partition', async () => {
    const next = releaseOf('DC-RENO', [['TENT-ULTRA-2P', 1]]);
    const garbage = Buffer.from('{"releaseId": "not avro"}');
    await harness.rawProducer.send({ topic: topicName(Topics.warehouseReleases, harness.namespace), messages: [{ key: next.orderId, value: garbage }] });
    const nowhere = releaseOf('DC-NOWHERE', [['TENT-ULTRA-2P', 1]], { orderId: next.orderId });
    await harness.publish(Topics.warehouseReleases, [nowhere, next]);
    await outcome(next.releaseId, 'SENT');
    const letters = await waitFor(() => (deadLetters.records.length >= 2 ? deadLetters.records : undefined), { what: 'two dead letters' });
    expect(letters.map((l) => l.errorCode).sort()).toEqual(['MALFORMED_ENVELOPE', 'UNKNOWN_LOCATION']);
    expect(letters.find((l) => l.errorCode === 'MALFORMED_ENVELOPE')?.value).toEqual(garbage);
    expect(letters.find((l) => l.errorCode === 'UNKNOWN_LOCATION')?.errorMessage).toContain('DC-NOWHERE');
    expect(letters.every((l) => Buffer.from(l.key ?? []).toString() === next.orderId)).toBe(true);
    expect(outcomesOf(nowhere.releaseId)).toEqual([]);
  });

  it('lists releases by status and location, and answers 400 naming a bad parameter', async () => {
    const sent = await releases('?status=SENT&limit=500');
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.every((r) => r.status === 'SENT')).toBe(true);
    for (const [query, parameter] of [
      ['?status=SHIPPED', 'status'],
      ['?limit=0', 'limit'],
      ['?colour=red', 'colour'],
    ]) {
      const answer = await http<{ parameter: string }>(`${baseUrl}/releases${query}`);
      expect([answer.status, answer.body.parameter]).toEqual([400, parameter]);
    }
    const docs = await http<{ paths: Record<string, unknown> }>(`${baseUrl}/docs-json`);
    expect(Object.keys(docs.body.paths)).toContain('/releases');
  });
});
