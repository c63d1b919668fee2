import { readFunctionalAcknowledgement } from '@crossdock/edi/x12';
import { dallasPartner, sampleRelease } from './testing/third-party.fixtures';
import { read940 } from './x12-940.reader';
import { write940 } from './x12-940.writer';
import { acceptedValues, acknowledgeSets } from './x12-set.reader';

const numbers = { interchangeControlNumber: 1201, createdAt: Date.UTC(2026, 11, 7, 9, 5) };

describe('write940', () => {
  const file = write940([sampleRelease()], dallasPartner, numbers);

  it('writes a 940 for a two-line order: W05 N, ship-to and ship-from loops, references, ship-by, carrier, lines, W76', () => {
    expect(file.content.split('\n')).toEqual([
      'ISA*00*          *00*          *ZZ*CROSSDOCKDIST  *ZZ*DALLAS3PL      *261207*0905*U*00401*000001201*0*T*>~',
      'GS*OW*CROSSDOCK*DALLAS3PL*20261207*0905*1201*X*004010~',
      'ST*940*0001~',
      'W05*N*EDI:summit:4500127732*4500127732~',
      'N1*ST*Summit Outfitters Store 457*92*0457~',
      'N2*Dana Whitfield~',
      'N3*4601 Brighton Blvd*Receiving~',
      'N4*Denver*CO*80216*US~',
      'G61*IC*Dana Whitfield*TE*3035550147~',
      'N1*SF*Lone Star Fulfilment Dallas*ZZ*3pl-dallas~',
      'N9*ZZ*EDI:summit:4500127732@3pl-dallas~',
      'N9*VN*SO-100231~',
      'G62*10*20261209~',
      'W66*PP*U***GROUND*****UPSN~',
      'LX*1~',
      'W01*12*EA**VN*TEE-BLK-M~',
      'N9*LI*1~',
      'LX*2~',
      'W01*6*EA**VN*BOTTLE-1L-STL~',
      'N9*LI*2~',
      'W76*18~',
      'SE*20*0001~',
      'GE*1*1201~',
      'IEA*1*000001201~',
      '',
    ]);
    expect(file).toMatchObject({ interchangeControlNumber: 1201, groupControlNumber: 1201 });
    expect(file.transactions).toEqual([
      { releaseId: 'EDI:summit:4500127732@3pl-dallas', orderId: 'EDI:summit:4500127732', action: 'RELEASE', controlNumber: '0001' },
    ]);
  });

  it('writes a cancellation with W0501 F (cancel) and the reason, one set per release in one interchange', () => {
    const cancel = sampleRelease({
      action: 'CANCEL',
      reason: 'CUSTOMER_REQUEST',
      shipTo: null,
      lines: [{ lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 6, unitOfMeasure: 'EA' }],
    });
    const both = write940([sampleRelease({ orderId: 'EDI:summit:4500127733', releaseId: 'EDI:summit:4500127733@3pl-dallas' }), cancel], dallasPartner, numbers);
    expect(both.transactions.map((t) => `${t.action}:${t.controlNumber}`)).toEqual(['RELEASE:0001', 'CANCEL:0002']);
    expect(both.content).toContain('ST*940*0002~\nW05*F*EDI:summit:4500127732*4500127732~\nN1*SF*');
    expect(both.content).toContain('NTE*GEN*CANCEL CUSTOMER_REQUEST~');
    expect(both.content).toContain('GE*2*1201~');
  });

  it('writes a W66 motor carrier (M) for a freight SCAC', () => {
    expect(write940([sampleRelease({ carrierCode: 'ODFL', serviceCode: 'LTL' })], dallasPartner, numbers).content).toContain('W66*PP*M***LTL*****ODFL~');
  });

  it('is read back by the warehouse side (read940) and acknowledged A', () => {
    const read = read940(file.content);
    expect(acceptedValues(read)).toEqual([
      {
        status: 'N',
        depositorOrder: 'EDI:summit:4500127732',
        purchaseOrder: '4500127732',
        releaseId: 'EDI:summit:4500127732@3pl-dallas',
        erpOrder: 'SO-100231',
        shipBy: Date.UTC(2026, 11, 9),
        shipTo: {
          name: 'Summit Outfitters Store 457',
          lines: ['4601 Brighton Blvd', 'Receiving'],
          city: 'Denver',
          state: 'CO',
          postalCode: '80216',
          countryCode: 'US',
        },
        carrierCode: 'UPSN',
        serviceCode: 'GROUND',
        note: null,
        lines: [
          { lineId: '1', sku: 'TEE-BLK-M', quantity: 12, unitOfMeasure: 'EA' },
          { lineId: '2', sku: 'BOTTLE-1L-STL', quantity: 6, unitOfMeasure: 'EA' },
        ],
      },
    ]);
    if (read.kind !== 'READ') throw new Error('unreadable');
    const ack = readFunctionalAcknowledgement(acknowledgeSets(read, { controlNumber: 5001, createdAt: numbers.createdAt }));
    expect(ack).toMatchObject({ acknowledgement: { sender: 'ZZ:DALLAS3PL', groups: [{ functionalIdCode: 'OW', groupControlNumber: '1201', status: 'A' }] } });
  });
});

describe('read940 refusals', () => {
  const content = write940([sampleRelease()], dallasPartner, numbers).content;

  it.each([
    ['an order status it does not handle', 'W05*N*', 'W05*R*', 'QUALIFIER_UNKNOWN', 'W0501@2'],
    ['a quantity that is not whole', 'W01*6*EA', 'W01*6.5*EA', 'FIELD_INVALID', 'W0101@17'],
    ['an unknown item qualifier', 'W01*6*EA**VN', 'W01*6*EA**UP', 'QUALIFIER_UNKNOWN', 'W0104@17'],
    ['a W76 total that disagrees with the lines', 'W76*18', 'W76*17', 'COUNT_MISMATCH', 'W7601@19'],
  ])('refuses %s, and the 997 rejects the set', (_what, from, to, code, field) => {
    const read = read940(content.replace(from, to));
    if (read.kind !== 'READ') throw new Error('unreadable');
    expect(read.groups[0]!.sets).toEqual([
      { kind: 'REFUSED', controlNumber: '0001', reference: 'EDI:summit:4500127732', problem: expect.objectContaining({ code, field }) },
    ]);
    expect(acknowledgeSets(read, { controlNumber: 5002, createdAt: 0 })).toContain('AK5*R*5~');
  });

  it('cannot read what is not X12', () => {
    expect(read940('ORDER,EDI:summit:4500127732,12')).toEqual({
      kind: 'UNREADABLE',
      problem: { code: 'NOT_X12', message: 'file does not start with an ISA segment' },
    });
  });
});
