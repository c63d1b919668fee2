import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acceptedValues, acknowledgeSets, read945, write940 } from '@crossdock/connectors/domain';
import type { WarehouseRelease } from '@crossdock/contracts';
import { writeAtomically } from '@crossdock/edi/mailbox';
import { readFunctionalAcknowledgement } from '@crossdock/edi/x12';
import { SIMULATED_DALLAS_PARTNER, startSimulatedThirdParty, type SimulatedThirdParty } from './simulated-third-party';

const partner = SIMULATED_DALLAS_PARTNER;

function release(orderId: string, action: 'RELEASE' | 'CANCEL' = 'RELEASE'): WarehouseRelease {
  return {
    eventId: `${action}-${orderId}`,
    causationId: `accepted-${orderId}`,
    releaseId: `${orderId}@3PL-DALLAS`,
    action,
    orderId,
    channel: 'SHOPIFY',
    channelAccountId: 'acme',
    channelOrderId: orderId,
    erpOrderNumber: `SO-${orderId}`,
    locationId: '3PL-DALLAS',
    locationType: 'THIRD_PARTY_LOGISTICS',
    carrierCode: 'UPSN',
    serviceCode: 'GROUND',
    shipBy: null,
    shipTo: {
      name: 'Dana',
      company: null,
      lines: ['1 Trail Way'],
      city: 'Reno',
      region: 'US-NV',
      postalCode: '89501',
      countryCode: 'US',
      phone: null,
      locationCode: null,
    },
    lines: [
      { lineId: 'L1', sku: 'TENT', quantity: 2, unitOfMeasure: 'EA' },
      { lineId: 'L2', sku: 'BAG', quantity: 3, unitOfMeasure: 'EA' },
    ],
    reason: action === 'CANCEL' ? 'CUSTOMER_REQUEST' : null,
    occurredAt: Date.UTC(2026, 11, 7),
  };
}

describe('SimulatedThirdParty', () => {
  let root: string;
  let hubOut: string;
  let hubIn: string;
  let dallas: SimulatedThirdParty;
  let control = 100;

  const send = async (...releases: WarehouseRelease[]) => {
    control += 1;
    const file = write940(releases, partner, { interchangeControlNumber: control, createdAt: Date.now() });
    await writeAtomically(join(hubOut, `940-${control}.x12`), file.content);
    await dallas.poll();
    const ack = dallas.books.acknowledgementsSent.at(-1);
    const read = readFunctionalAcknowledgement(ack?.content ?? '');
    if ('problem' in read) throw new Error(read.problem.message);
    return read.acknowledgement.groups[0];
  };

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), '3pl-sim-'));
    hubOut = join(root, 'to-3pl');
    hubIn = join(root, 'from-3pl');
    dallas = await startSimulatedThirdParty({ partner, inboundDir: hubOut, outboundDir: hubIn });
  });
  afterEach(async () => {
    await dallas.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('takes a 940 once per depositor order, answers each file with a 997 accepting it, and files the 940 away', async () => {
    const ack = await send(release('A'));
    expect(ack).toMatchObject({ functionalIdCode: 'OW', groupControlNumber: String(control), status: 'A', acceptedCount: 1 });
    await send(release('A'));
    expect(dallas.books.releasesReceived).toBe(2);
    expect([...dallas.books.orders.keys()]).toEqual(['A']);
    expect(dallas.books.order('A')).toMatchObject({
      status: 'RECEIVED',
      releaseId: 'A@3PL-DALLAS',
      lines: [
        { lineId: 'L1', ordered: 2 },
        { lineId: 'L2', ordered: 3 },
      ],
    });
    expect(await readdir(join(hubOut, 'processed'))).toHaveLength(2);
    expect((await readdir(hubIn)).filter((f) => f.startsWith('997-'))).toHaveLength(2);
  });

  it('honours a cancel before the pick and refuses one after it with AK5 R on the W05', async () => {
    await send(release('A'), release('B'));
    expect((await send(release('A', 'CANCEL')))?.status).toBe('A');
    expect(dallas.books.order('A')?.status).toBe('CANCELLED');
    dallas.pick('B');
    const refused = await send(release('B', 'CANCEL'));
    expect(refused).toMatchObject({ status: 'R', acceptedCount: 0 });
    expect(refused?.transactionSets[0]).toMatchObject({ status: 'R', errorCodes: ['5'], segmentNotes: ['W05@2: segment code 8', "element 1 code 7 'F'"] });
    expect(dallas.books.cancels).toEqual([
      { depositorOrder: 'A', honoured: true, refusedBecause: null },
      { depositorOrder: 'B', honoured: false, refusedBecause: 'ALREADY_PICKED' },
    ]);
    expect(dallas.books.order('B')?.status).toBe('PICKED');
    await expect(dallas.ship('A')).rejects.toThrow(/CANCELLED/);
  });

  it('ships only what was released and picked, in a 945 the hub reads: short-picks, two cartons, tracking numbers', async () => {
    await send(release('A'));
    const advice = await dallas.ship('A', { picked: { L2: 1 }, cartons: 2 });
    expect(advice.shipped).toEqual({ L1: 2, L2: 1 });
    const read = read945(await readFile(join(hubIn, advice.file), 'utf8'), { sourceSystem: '3pl-dallas', locationId: '3PL-DALLAS', observedAt: 0 });
    const [shipment] = acceptedValues(read);
    expect(shipment).toMatchObject({
      orderId: 'A',
      releaseId: 'A@3PL-DALLAS',
      warehouseOrderRef: advice.shipmentId,
      lines: [
        { lineId: 'L1', quantity: 2, shortQuantity: 0, shortReason: null },
        { lineId: 'L2', quantity: 1, shortQuantity: 2, shortReason: 'CP' },
      ],
    });
    expect(shipment?.packages.map((p) => p.trackingNumber)).toEqual(advice.trackingNumbers);
    expect(advice.trackingNumbers).toHaveLength(2);
    expect(dallas.books.order('A')?.status).toBe('SHIPPED');
    expect(() => dallas.pick('nobody')).toThrow(/no 940/);
  });

  it('keeps the 997s the hub sends about its 945s, and sets aside a file it cannot read', async () => {
    await send(release('A'));
    const advice = await dallas.ship('A');
    const read = read945(advice.content, { sourceSystem: '3pl-dallas', locationId: '3PL-DALLAS', observedAt: 0 });
    if (read.kind !== 'READ') throw new Error('945 unreadable');
    await writeAtomically(join(hubOut, '997-000000005.x12'), acknowledgeSets(read, { controlNumber: 5, createdAt: Date.now() }));
    await dallas.poll();
    expect(dallas.books.acknowledgementsReceived).toEqual([
      { file: '997-000000005.x12', groupControlNumber: String(advice.interchangeControl), status: 'A', acceptedSets: 1 },
    ]);
    await writeFile(join(hubOut, 'junk.txt'), 'hello');
    await dallas.poll();
    expect(dallas.books.unreadable).toEqual([{ file: 'junk.txt', problem: expect.stringContaining('ISA') }]);
    expect(await readdir(join(hubOut, 'rejected'))).toEqual(['junk.txt']);
  });

  it('ships by itself once an order has waited long enough, short-picking and splitting as configured', async () => {
    let now = 1_000_000;
    await dallas.stop();
    dallas = await startSimulatedThirdParty({
      partner,
      inboundDir: hubOut,
      outboundDir: hubIn,
      now: () => now,
      seed: 7,
      autoShip: { afterMs: 60_000, shortPickChance: 1, splitChance: 1 },
    });
    await send(release('A'));
    expect(dallas.books.order('A')?.status).toBe('RECEIVED');
    now += 59_999;
    await dallas.poll();
    expect(dallas.books.advicesSent).toEqual([]);
    now += 1;
    await dallas.poll();
    const [advice] = dallas.books.advicesSent;
    expect(dallas.books.order('A')?.status).toBe('SHIPPED');
    const shipped = Object.values(advice?.shipped ?? {});
    expect(shipped.reduce((sum, units) => sum + units, 0)).toBeLessThan(5);
    // Seed 7 short-picks a line by some units, not all: both lines ship, one carton each.
    expect(shipped.every((units) => units > 0)).toBe(true);
    expect(advice?.trackingNumbers).toHaveLength(2);
  });

  it('cannot be reached while its share is down, and collects what was dropped once it is back', async () => {
    await dallas.outage.start();
    await expect(writeAtomically(join(hubOut, '940-x.x12'), 'ISA')).rejects.toThrow();
    expect(await dallas.poll()).toBe(0);
    await dallas.outage.end();
    await send(release('A'));
    expect(dallas.books.order('A')?.status).toBe('RECEIVED');
  });
});
