import type { WarehouseShipment } from '@crossdock/contracts';
import { readFunctionalAcknowledgement } from '@crossdock/edi/x12';
import { shipmentFactEventId } from '../shipments/fact-event-id';
import { sample945, sampleAdvice } from './testing/third-party.fixtures';
import { read945, type ShipmentAdviceRead } from './x12-945.reader';
import { ItemStatus } from './x12-945.writer';
import { acceptedValues, acknowledgeSets } from './x12-set.reader';

const options = { sourceSystem: '3pl-dallas', locationId: '3pl-dallas', observedAt: Date.UTC(2026, 11, 8, 16, 5) };
const read = (content: string): Extract<ShipmentAdviceRead, { kind: 'READ' }> => {
  const result = read945(content, options);
  if (result.kind !== 'READ') throw new Error(result.problem.message);
  return result;
};

describe('write945 (the 3PL side, for the simulator and fixtures)', () => {
  it('writes W06, N9 release, G62 11, W27, a MAN GM/CP loop per carton with W12 and N9 LI, W03 totals', () => {
    const body = sample945().split('\n').slice(2, -3);
    expect(body).toEqual([
      'ST*945*0001~',
      'W06*F*EDI:summit:4500127732*20261208*DAL-SHP-88121**4500127732~',
      'N1*SF*Lone Star Fulfilment Dallas~',
      'N9*ZZ*EDI:summit:4500127732@3pl-dallas~',
      'G62*11*20261208*8*153000~',
      'W27*U*UPSN*GROUND*PP~',
      'LX*1~',
      'MAN*GM*006141410000000128**CP*1Z999AA10123456784~',
      'W12*CC*12*8*0*EA**VN*TEE-BLK-M**4*G*L~',
      'N9*LI*1~',
      'W12*CP*6*2*2*EA**VN*BOTTLE-1L-STL**2.5*G*L~',
      'N9*LI*2~',
      'LX*2~',
      'MAN*GM*006141410000000135**CP*1Z999AA10123456793~',
      'W12*CC*12*4*0*EA**VN*TEE-BLK-M**2*G*L~',
      'N9*LI*1~',
      'W12*CP*6*2*2*EA**VN*BOTTLE-1L-STL**2.5*G*L~',
      'N9*LI*2~',
      'W03*16*11*LB***2*CT~',
      'SE*20*0001~',
    ]);
    expect(sample945().split('\n')[0]).toBe('ISA*00*          *00*          *ZZ*DALLAS3PL      *ZZ*CROSSDOCKDIST  *261208*1600*U*00401*000000310*0*T*>~');
  });
});

describe('read945', () => {
  const expected: WarehouseShipment = {
    eventId: shipmentFactEventId('3pl-dallas', 'ZZ:DALLAS3PL|DAL-SHP-88121|EDI:summit:4500127732'),
    factKey: 'ZZ:DALLAS3PL|DAL-SHP-88121|EDI:summit:4500127732',
    source: 'THIRD_PARTY_LOGISTICS',
    sourceSystem: '3pl-dallas',
    stage: 'SHIPPED',
    orderId: 'EDI:summit:4500127732',
    releaseId: 'EDI:summit:4500127732@3pl-dallas',
    locationId: '3pl-dallas',
    warehouseOrderRef: 'DAL-SHP-88121',
    lines: [
      { lineId: '1', sku: 'TEE-BLK-M', quantity: 12, shortQuantity: 0, shortReason: null },
      { lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 4, shortQuantity: 2, shortReason: 'CP' },
    ],
    packages: [
      {
        packageReference: '006141410000000128',
        carrierCode: 'UPSN',
        serviceCode: 'GROUND',
        trackingNumber: '1Z999AA10123456784',
        weight: { value: 6.5, unit: 'LB' },
        lines: [
          { lineId: '1', sku: 'TEE-BLK-M', quantity: 8 },
          { lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 2 },
        ],
      },
      {
        packageReference: '006141410000000135',
        carrierCode: 'UPSN',
        serviceCode: 'GROUND',
        trackingNumber: '1Z999AA10123456793',
        weight: { value: 4.5, unit: 'LB' },
        lines: [
          { lineId: '1', sku: 'TEE-BLK-M', quantity: 4 },
          { lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 2 },
        ],
      },
    ],
    shipDate: Date.UTC(2026, 11, 8, 15, 30),
    occurredAt: Date.UTC(2026, 11, 8, 15, 30),
    observedAt: options.observedAt,
  };

  it('reads two cartons of one order with a short-picked line into one SHIPPED fact', () => {
    expect(acceptedValues(read945(sample945(), options))).toEqual([expected]);
  });

  it('takes the day alone when G62 gives no time, and W0603 when there is no G62 11', () => {
    const dayOnly = acceptedValues(read945(sample945().replace('G62*11*20261208*8*153000', 'G62*11*20261208'), options))[0]!;
    expect(dayOnly.occurredAt).toBe(Date.UTC(2026, 11, 8));
    const noG62 = acceptedValues(read945(sample945().replace('G62*11*20261208*8*153000', 'G62*10*20261207*8*090000'), options))[0]!;
    expect(noG62.occurredAt).toBe(Date.UTC(2026, 11, 8));
  });

  it('gives a re-dropped file the same eventIds, and returns what the 997 needs', () => {
    const first = read(sample945());
    expect(acceptedValues(read945(sample945(), { ...options, observedAt: 1 }))[0]!.eventId).toBe(expected.eventId);
    expect(first).toMatchObject({ sender: 'ZZ:DALLAS3PL', interchangeControlNumber: '000000310', groups: [{ controlNumber: '310' }] });
    const ack = readFunctionalAcknowledgement(acknowledgeSets(first, { controlNumber: 9, createdAt: options.observedAt }));
    expect(ack).toMatchObject({
      acknowledgement: {
        sender: 'ZZ:CROSSDOCKDIST',
        groups: [{ functionalIdCode: 'SW', groupControlNumber: '310', status: 'A', transactionSets: [{ setId: '945', controlNumber: '0001', status: 'A' }] }],
      },
    });
  });

  it('reads a line short-picked to nothing (an LX loop without MAN), a separate MAN CP and N9 2I tracking', () => {
    const advice = {
      ...sampleAdvice,
      cartons: [{ ...sampleAdvice.cartons[0]!, lines: [{ ...sampleAdvice.cartons[0]!.lines[0]!, shipped: 12 }] }],
      unshipped: [{ lineId: '2', sku: 'BOTTLE-1L-STL', ordered: 6, shipped: 0, unitOfMeasure: 'EA', status: ItemStatus.ItemCancelled, weightLb: null }],
    };
    const [shipment] = acceptedValues(read945(sample945([advice]), options));
    expect(shipment!.lines).toEqual([
      { lineId: '1', sku: 'TEE-BLK-M', quantity: 12, shortQuantity: 0, shortReason: null },
      { lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 0, shortQuantity: 6, shortReason: 'IC' },
    ]);
    expect(shipment!.packages).toHaveLength(1);
    const separate = sample945().replace('MAN*GM*006141410000000128**CP*1Z999AA10123456784~', 'MAN*GM*006141410000000128~\nMAN*CP*1Z999AA10123456784~');
    const viaN9 = sample945()
      .replace('MAN*GM*006141410000000135**CP*1Z999AA10123456793~', 'MAN*GM*006141410000000135~\nN9*2I*1Z999AA10123456793~')
      .replace('SE*20*', 'SE*21*');
    expect(acceptedValues(read945(separate.replace('SE*20*', 'SE*21*'), options))[0]!.packages[0]!.trackingNumber).toBe('1Z999AA10123456784');
    expect(acceptedValues(read945(viaN9, options))[0]!.packages[1]!.trackingNumber).toBe('1Z999AA10123456793');
  });

  it('accepts the good set and rejects the bad one of a file: AK5 R with AK3/AK4, AK9 P', () => {
    const other = { ...sampleAdvice, depositorOrder: 'EDI:summit:4500127733', shipmentId: 'DAL-SHP-88122', releaseId: null };
    const content = sample945([sampleAdvice, other]).replace(/(ST\*945\*0002[\s\S]*?)W03\*16\*/, '$1W03*15*');
    const result = read(content);
    expect(result.groups[0]!.sets.map((s) => s.kind)).toEqual(['ACCEPTED', 'REFUSED']);
    expect(result.groups[0]!.sets[1]).toEqual({
      kind: 'REFUSED',
      controlNumber: '0002',
      reference: 'EDI:summit:4500127733',
      problem: { code: 'COUNT_MISMATCH', field: 'W0301@18', message: 'W0301 says 15 units shipped, the W12 lines ship 16' },
    });
    const ack = acknowledgeSets(result, { controlNumber: 10, createdAt: options.observedAt });
    expect(ack).toContain('AK2*945*0001~\nAK5*A~\nAK2*945*0002~\nAK3*W03*18**8~\nAK4*1*382*7*15~\nAK5*R*5~\nAK9*P*2*2*1~');
  });

  it.each([
    ['an SSCC with a wrong check digit', '006141410000000128', '006141410000000129', 'FIELD_INVALID', 'MAN02@8'],
    ['an unknown MAN qualifier', 'MAN*GM*006141410000000128**CP', 'MAN*GM*006141410000000128**ZZ', 'QUALIFIER_UNKNOWN', 'MAN04@8'],
    ['an item qualifier that is not ours', 'EA**VN*TEE-BLK-M**4', 'EA**UP*TEE-BLK-M**4', 'QUALIFIER_UNKNOWN', 'W1207@9'],
    ['a shipped quantity that is not whole', 'W12*CC*12*8*', 'W12*CC*12*8.5*', 'FIELD_INVALID', 'W1203@9'],
    ['no shipment id', '*20261208*DAL-SHP-88121*', '*20261208**', 'FIELD_MISSING', 'W0604@2'],
    ['a carton count that disagrees', '***2*CT', '***3*CT', 'COUNT_MISMATCH', 'W0306@19'],
    ['an impossible ship date', 'G62*11*20261208', 'G62*11*20261232', 'FIELD_INVALID', 'G6202@5'],
    ['an impossible ship time', 'G62*11*20261208*8*153000', 'G62*11*20261208*8*2460', 'FIELD_INVALID', 'G6204@5'],
  ])('refuses %s', (_what, from, to, code, field) => {
    const [set] = read(sample945().replace(from, to)).groups[0]!.sets;
    expect(set).toMatchObject({ kind: 'REFUSED', problem: { code, field } });
  });

  it('refuses every set of a group that is not SW or whose GE count is wrong, and an SE count that is wrong', () => {
    expect(read(sample945().replace('GS*SW', 'GS*OW')).groups[0]!.sets[0]).toMatchObject({ kind: 'REFUSED', problem: { code: 'ENVELOPE', field: 'GS01' } });
    const badSe = read(sample945().replace('SE*20*', 'SE*19*'));
    expect(badSe.groups[0]!.sets[0]).toMatchObject({ kind: 'REFUSED', problem: { code: 'ENVELOPE', field: 'SE01' } });
    expect(acknowledgeSets(badSe, { controlNumber: 11, createdAt: 0 })).toContain('AK5*R*4~\nAK9*R*1*1*0~');
  });

  it('cannot read a file that is not X12 (no 997 can be addressed)', () => {
    expect(read945('SHIPMENT,DAL-SHP-88121', options)).toEqual({
      kind: 'UNREADABLE',
      problem: { code: 'NOT_X12', message: 'file does not start with an ISA segment' },
    });
  });
});
