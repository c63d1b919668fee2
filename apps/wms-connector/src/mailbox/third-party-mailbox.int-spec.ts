import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sscc18CheckDigit, write945, type ShipmentAdviceToWrite } from '@crossdock/connectors/domain';
import {
  SIMULATED_DALLAS_PARTNER,
  startSimulatedThirdParty,
  startWmsFeedSimulator,
  type SimulatedThirdParty,
  type WmsFeedSimulator,
} from '@crossdock/connectors/simulators';
import { Topics, topicName, type WarehouseRelease, type WarehouseReleaseOutcome, type WarehouseShipment } from '@crossdock/contracts';
import { startTelemetry, type TelemetryHandle } from '@crossdock/observability';
import { http } from '@crossdock/service-testing';
import type { RunningService } from '@crossdock/service-kit';
import { waitFor, type TopicRecorder } from '@crossdock/testing';
import { cancellationOf, releaseOf, type ReleaseView, startConnector, wmsConnectorHarness } from '../test-support/wms-connector.fixture';

const LOCATION = '3PL-DALLAS';
const partner = SIMULATED_DALLAS_PARTNER;

/** A 945 shipment of a release's first line, one unit in one carton, as a test writes it. */
function oneCartonAdvice(release: WarehouseRelease, sscc: string): ShipmentAdviceToWrite {
  return {
    depositorOrder: release.orderId,
    shipmentId: `T-${release.orderId}`,
    purchaseOrder: null,
    releaseId: release.releaseId,
    shippedAt: Date.now(),
    carrier: { scac: 'UPSN', service: 'GROUND' },
    cartons: [
      {
        sscc,
        trackingNumber: '1Z999AA10123456784',
        lines: [{ lineId: 'L1', sku: release.lines[0]?.sku ?? '', ordered: 1, shipped: 1, unitOfMeasure: 'EA', status: 'CC', weightLb: null }],
      },
    ],
    unshipped: [],
  };
}

describe('wms-connector: releases to a 3PL as X12 940s, its 997s matched, its 945s published once', () => {
  const harness = wmsConnectorHarness('third-party');
  let root: string;
  let hubOut: string;
  let hubIn: string;
  let wms: WmsFeedSimulator;
  let dallas: SimulatedThirdParty;
  let service: RunningService | undefined;
  let baseUrl: string;
  let outcomes: TopicRecorder<WarehouseReleaseOutcome>;
  let shipments: TopicRecorder<WarehouseShipment>;
  let telemetry: TelemetryHandle | undefined;

  const outcomesOf = (releaseId: string) => outcomes.values().filter((o) => o.releaseId === releaseId);
  const outcome = (releaseId: string, status: string) =>
    waitFor(() => outcomesOf(releaseId).find((o) => o.status === status), { what: `${status} outcome of ${releaseId}` });
  const factsOf = (orderId: string) => shipments.values().filter((s) => s.orderId === orderId);
  const releases = async (query = '') => (await http<{ releases: ReleaseView[] }>(`${baseUrl}/releases${query}`)).body.releases;
  const archived = (folder: 'processed' | 'rejected', name: string) =>
    waitFor(() => (existsSync(join(hubIn, folder, name)) ? join(hubIn, folder, name) : undefined), { what: `${name} in ${folder}/` });

  /** Released, collected by the 3PL and acknowledged: the order is on the 3PL's books. */
  const released = async (lines: ReadonlyArray<readonly [string, number]>) => {
    const release = releaseOf(LOCATION, lines);
    await harness.publish(Topics.warehouseReleases, [release]);
    await outcome(release.releaseId, 'ACKNOWLEDGED');
    return release;
  };

  beforeAll(async () => {
    await harness.setUp();
    // Traces on, so a release's trace context reaches its row and the shipment's outbox row.
    telemetry = startTelemetry({ serviceName: 'wms-connector', otlpEndpoint: harness.env.otlpEndpoint });
    root = await mkdtemp(join(tmpdir(), 'wms-3pl-'));
    hubOut = join(root, 'to-dallas');
    hubIn = join(root, 'from-dallas');
    wms = await startWmsFeedSimulator({ seed: 3, itemCount: 5 });
    dallas = await startSimulatedThirdParty({ partner, inboundDir: hubOut, outboundDir: hubIn });
    dallas.start(100);
    outcomes = await harness.record(Topics.warehouseReleaseOutcomes);
    shipments = await harness.record(Topics.thirdPartyShipments);
    const mailbox = {
      locationId: LOCATION,
      sourceSystem: '3pl-dallas',
      outboundDir: hubOut,
      inboundDir: hubIn,
      ourInterchangeId: partner.ourInterchangeId,
      partnerInterchangeId: partner.partnerInterchangeId,
      usageIndicator: 'T',
    };
    ({ service, baseUrl } = await startConnector(harness, wms, { THIRD_PARTY_MAILBOXES: JSON.stringify([mailbox]) }));
  });

  afterAll(async () => {
    await service?.stop();
    await dallas?.stop();
    await wms?.stop();
    await harness.tearDown();
    await telemetry?.shutdown();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('sends a release as a 940, matches the 997, and publishes the 3PL shipment (short-picked, two cartons) once, with a 997 back', async () => {
    const release = releaseOf(LOCATION, [
      ['TENT-ULTRA-2P', 2],
      ['BAG-0007', 3],
      ['STOVE-CAMP-2B', 1],
    ]);
    await harness.publish(Topics.warehouseReleases, [release, release]);
    const sent = await outcome(release.releaseId, 'SENT');
    expect(sent.warehouseReference).toMatch(/^ISA \d+ GS \d+ ST 0001$/);
    const acknowledged = await outcome(release.releaseId, 'ACKNOWLEDGED');
    expect(acknowledged).toMatchObject({ action: 'RELEASE', warehouseReference: sent.warehouseReference, reason: null, causationId: release.eventId });
    expect(dallas.books.order(release.orderId)).toMatchObject({
      releaseId: release.releaseId,
      status: 'RECEIVED',
      lines: [
        { lineId: 'L1', sku: 'TENT-ULTRA-2P', ordered: 2 },
        { lineId: 'L2', sku: 'BAG-0007', ordered: 3 },
        { lineId: 'L3', sku: 'STOVE-CAMP-2B', ordered: 1 },
      ],
    });
    expect((await releases(`?locationId=${LOCATION}`)).find((r) => r.releaseId === release.releaseId)).toMatchObject({ status: 'ACKNOWLEDGED', attempts: 1 });

    const advice = await dallas.ship(release.orderId, { picked: { L2: 1, L3: 0 }, cartons: 2 });
    const [fact] = await waitFor(() => (factsOf(release.orderId).length > 0 ? factsOf(release.orderId) : undefined), { what: 'the 3PL shipment fact' });
    expect(fact).toMatchObject({
      source: 'THIRD_PARTY_LOGISTICS',
      sourceSystem: '3pl-dallas',
      stage: 'SHIPPED',
      releaseId: release.releaseId,
      locationId: LOCATION,
      warehouseOrderRef: advice.shipmentId,
      lines: [
        { lineId: 'L1', sku: 'TENT-ULTRA-2P', quantity: 2, shortQuantity: 0, shortReason: null },
        { lineId: 'L2', sku: 'BAG-0007', quantity: 1, shortQuantity: 2, shortReason: 'CP' },
        { lineId: 'L3', sku: 'STOVE-CAMP-2B', quantity: 0, shortQuantity: 1, shortReason: 'CP' },
      ],
    });
    expect(fact?.packages.map((p) => p.trackingNumber)).toEqual(advice.trackingNumbers);
    expect(fact?.packages.every((p) => /^\d{18}$/.test(p.packageReference) && p.carrierCode === 'UPSN')).toBe(true);
    await archived('processed', advice.file);
    const ack = await waitFor(() => dallas.books.acknowledgementsReceived.find((a) => a.groupControlNumber === String(advice.interchangeControl)), {
      what: 'the 997 for the 945',
    });
    expect(ack).toMatchObject({ status: 'A', acceptedSets: 1 });

    // The same 945 dropped again (the 3PL never saw our 997): the same 997 again, nothing published.
    await dallas.drop(`resent-${advice.file}`, advice.content);
    await archived('processed', `resent-${advice.file}`);
    await waitFor(
      () => (dallas.books.acknowledgementsReceived.filter((a) => a.groupControlNumber === String(advice.interchangeControl)).length === 2 ? true : undefined),
      {
        what: 'the 997 written again',
      },
    );
    const later = await released([['TENT-ULTRA-2P', 1]]);
    await dallas.ship(later.orderId);
    await waitFor(() => (factsOf(later.orderId).length > 0 ? true : undefined), { what: 'a later shipment published' });
    expect(factsOf(release.orderId)).toHaveLength(1);
    expect(outcomesOf(release.releaseId).map((o) => o.status)).toEqual(['SENT', 'ACKNOWLEDGED']);
  });

  it('puts a file that is not X12, comes from another sender or is addressed to another receiver in rejected/ with a reason note, publishing nothing', async () => {
    await dallas.drop('notes.txt', 'Shipped the Reno order today, tracking to follow.\n');
    const notX12 = JSON.parse(await readFile(`${await archived('rejected', 'notes.txt')}.reason.json`, 'utf8')) as Record<string, unknown>;
    expect(notX12).toMatchObject({ code: 'NOT_X12', locationId: LOCATION, file: 'notes.txt' });

    const release = await released([['TENT-ULTRA-2P', 1]]);
    const stranger = write945(
      [oneCartonAdvice(release, '006141410000000017')],
      { ...partner, partnerInterchangeId: 'ZZ:HOUSTON3PL' },
      { interchangeControlNumber: 77, createdAt: Date.now() },
    );
    await dallas.drop('houston.x12', stranger);
    const unknown = JSON.parse(await readFile(`${await archived('rejected', 'houston.x12')}.reason.json`, 'utf8')) as Record<string, unknown>;
    expect(unknown).toMatchObject({ code: 'UNKNOWN_PARTNER' });
    expect(String(unknown['message'])).toContain('ZZ:HOUSTON3PL');
    const misaddressed = write945(
      [oneCartonAdvice(release, '006141410000000017')],
      { ...partner, ourInterchangeId: 'ZZ:SOMEONEELSE' },
      {
        interchangeControlNumber: 78,
        createdAt: Date.now(),
      },
    );
    await dallas.drop('misaddressed.x12', misaddressed);
    const wrong = JSON.parse(await readFile(`${await archived('rejected', 'misaddressed.x12')}.reason.json`, 'utf8')) as Record<string, unknown>;
    expect(wrong).toMatchObject({ code: 'WRONG_RECEIVER' });
    expect(factsOf(release.orderId)).toEqual([]);
  });

  it('publishes the good shipments of a 945 with a bad set, files it in rejected/ naming the bad set, and answers AK9 P', async () => {
    const good = await released([['TENT-ULTRA-2P', 1]]);
    const bad = await released([['BAG-0007', 1]]);
    const body = '00614141000000123';
    const check = sscc18CheckDigit(body);
    const content = write945([oneCartonAdvice(good, `${body}${check}`), oneCartonAdvice(bad, `${body}${(check + 1) % 10}`)], partner, {
      interchangeControlNumber: 900_001,
      createdAt: Date.now(),
    });
    await dallas.drop('mixed.x12', content);
    const note = JSON.parse(await readFile(`${await archived('rejected', 'mixed.x12')}.reason.json`, 'utf8')) as { disposition: string; refused: unknown[] };
    expect(note.disposition).toBe('PARTIALLY_REJECTED');
    expect(note.refused).toEqual([
      {
        controlNumber: '0002',
        reference: bad.orderId,
        code: 'FIELD_INVALID',
        field: expect.stringMatching(/^MAN02@\d+$/),
        message: expect.stringContaining('SSCC-18'),
      },
    ]);
    await waitFor(() => (factsOf(good.orderId).length === 1 ? true : undefined), { what: 'the good shipment published' });
    expect(factsOf(bad.orderId)).toEqual([]);
    expect(await waitFor(() => dallas.books.acknowledgementsReceived.find((a) => a.groupControlNumber === '900001'), { what: 'the 997' })).toMatchObject({
      status: 'P',
      acceptedSets: 1,
    });
  });

  it('reads a 945 with the delimiters its ISA declares, and answers with a 997 in the same ones', async () => {
    const release = await released([['STOVE-CAMP-2B', 1]]);
    const body = '00614141000000456';
    const written = write945([oneCartonAdvice(release, `${body}${sscc18CheckDigit(body)}`)], partner, {
      interchangeControlNumber: 900_002,
      createdAt: Date.now(),
    });
    // Element separator '|', segment terminator '!' (the partner's choice in its ISA).
    await dallas.drop('pipes.x12', written.replaceAll('*', '|').replaceAll('~', '!'));
    await archived('processed', 'pipes.x12');
    const [fact] = await waitFor(() => (factsOf(release.orderId).length > 0 ? factsOf(release.orderId) : undefined), { what: 'the shipment published' });
    expect(fact).toMatchObject({ warehouseOrderRef: `T-${release.orderId}`, lines: [{ lineId: 'L1', sku: 'STOVE-CAMP-2B', quantity: 1 }] });
    const ack = await waitFor(() => dallas.books.acknowledgementsReceived.find((a) => a.groupControlNumber === '900002'), { what: 'the 997' });
    expect(ack.status).toBe('A');
    const answer = await readFile(join(hubOut, 'processed', ack.file), 'utf8');
    expect(answer.startsWith('ISA|00|')).toBe(true);
    expect(answer).toContain('AK1|SW|900002!');
  });

  it('changes nothing for a 997 read twice, and puts a 997 that acknowledges no 940 of ours in rejected/', async () => {
    const release = await released([['TENT-ULTRA-2P', 1]]);
    const ack = dallas.books.acknowledgementsSent.at(-1);
    if (!ack) throw new Error('no 997 written by the 3PL');
    await dallas.drop(`again-${ack.file}`, ack.content);
    await archived('processed', `again-${ack.file}`);
    await dallas.drop('stray-997.x12', ack.content.replace(/AK1\*OW\*\d+/, 'AK1*OW*999999'));
    const note = JSON.parse(await readFile(`${await archived('rejected', 'stray-997.x12')}.reason.json`, 'utf8')) as Record<string, unknown>;
    expect(note).toMatchObject({ code: 'UNMATCHED_ACKNOWLEDGEMENT', document: '997' });
    expect(outcomesOf(release.releaseId).map((o) => o.status)).toEqual(['SENT', 'ACKNOWLEDGED']);
  });

  it('cancels with a 940 F before the pick; after the pick the 3PL refuses it, after a 945 it is refused without a 940', async () => {
    const early = await released([['TENT-ULTRA-2P', 1]]);
    await harness.publish(Topics.warehouseReleases, [cancellationOf(early)]);
    expect(await outcome(early.releaseId, 'CANCELLED')).toMatchObject({ action: 'CANCEL', reason: null });
    expect(dallas.books.order(early.orderId)?.status).toBe('CANCELLED');
    expect(dallas.books.cancels.find((c) => c.depositorOrder === early.orderId)).toEqual({
      depositorOrder: early.orderId,
      honoured: true,
      refusedBecause: null,
    });

    const picked = await released([['TENT-ULTRA-2P', 1]]);
    dallas.pick(picked.orderId);
    await harness.publish(Topics.warehouseReleases, [cancellationOf(picked)]);
    const refused = await outcome(picked.releaseId, 'CANCEL_REFUSED');
    expect(refused).toMatchObject({ action: 'CANCEL', reason: 'AK5_R' });
    expect(refused.detail).toContain('W05');
    expect(dallas.books.cancels.find((c) => c.depositorOrder === picked.orderId)).toMatchObject({ honoured: false, refusedBecause: 'ALREADY_PICKED' });

    const shipped = await released([['TENT-ULTRA-2P', 1]]);
    await dallas.ship(shipped.orderId);
    await waitFor(() => (factsOf(shipped.orderId).length > 0 ? true : undefined), { what: 'the shipment published' });
    const cancels = dallas.books.cancels.length;
    await harness.publish(Topics.warehouseReleases, [cancellationOf(shipped)]);
    expect(await outcome(shipped.releaseId, 'CANCEL_REFUSED')).toMatchObject({ action: 'CANCEL', reason: 'ALREADY_SHIPPED' });
    expect(dallas.books.cancels).toHaveLength(cancels);
    expect(dallas.books.order(shipped.orderId)?.status).toBe('SHIPPED');
  });

  it('publishes the 3PL shipment in the trace of the release it answers', async () => {
    const release = releaseOf(LOCATION, [['TENT-ULTRA-2P', 1]]);
    const traceId = randomBytes(16).toString('hex');
    await harness.rawProducer.send({
      topic: topicName(Topics.warehouseReleases, harness.namespace),
      messages: [
        {
          key: release.orderId,
          value: await harness.serde.encode(Topics.warehouseReleases, release),
          headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
        },
      ],
    });
    await outcome(release.releaseId, 'ACKNOWLEDGED');
    await dallas.ship(release.orderId);
    const fact = await waitFor(() => shipments.records.find((r) => r.value.orderId === release.orderId), { what: 'the shipment published' });
    expect(fact.headers['traceparent']?.split('-')[1]).toBe(traceId);
  });

  it('keeps a release queued while the 3PL mailbox is down and delivers it once it is back', async () => {
    await dallas.outage.start();
    const release = releaseOf(LOCATION, [['BAG-0007', 2]]);
    await harness.publish(Topics.warehouseReleases, [release]);
    const queued = await waitFor(async () => (await releases('?status=QUEUED')).find((r) => r.releaseId === release.releaseId && r.attempts >= 2), {
      what: 'the release queued after failed attempts',
    });
    expect(queued.lastError).toContain('not writable');
    expect(dallas.books.order(release.orderId)).toBeUndefined();
    await dallas.outage.end();
    await outcome(release.releaseId, 'ACKNOWLEDGED');
    expect(dallas.books.order(release.orderId)?.status).toBe('RECEIVED');
    expect(outcomesOf(release.releaseId).map((o) => o.status)).toEqual(['SENT', 'ACKNOWLEDGED']);
    expect((await readdir(hubOut)).filter((f) => f.startsWith('940-'))).toEqual([]);
  });
});
