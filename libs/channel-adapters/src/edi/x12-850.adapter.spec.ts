import { X12Parser, type X12Interchange } from 'node-x12';
import type { ChannelOrder } from '@crossdock/contracts';
import { fixtureBytes, sampleMapping } from '../testing/fixtures';
import { X12PurchaseOrderAdapter, type X12PurchaseOrderResult } from './x12-850.adapter';

const adapter = new X12PurchaseOrderAdapter();
const context = { mapping: sampleMapping('edi-summit-outfitters'), receivedAt: Date.parse('2026-11-18T12:14:00Z') };
const run = (file: string, ackControlNumber?: number): X12PurchaseOrderResult =>
  adapter.adapt({ content: fixtureBytes(`edi/${file}`).toString('utf8'), ...(ackControlNumber ? { ackControlNumber } : {}) }, context);
const orders = (r: X12PurchaseOrderResult): ChannelOrder[] => r.outcomes.flatMap((o) => (o.kind === 'ORDER' ? [o.order] : []));
const rejections = (r: X12PurchaseOrderResult) => r.outcomes.flatMap((o) => (o.kind === 'REJECTED' ? [o.rejection] : []));
const ackSegments = (r: X12PurchaseOrderResult) => r.functionalAcknowledgement!.split('~\n').filter((s) => s !== '' && !/^(ISA|GS|ST|SE|GE|IEA)\*/.test(s));

describe('X12PurchaseOrderAdapter: valid 850s', () => {
  const result = run('850-summit-dc-and-store.edi');
  const [dc, store] = orders(result);

  it('maps both transaction sets of the interchange', () => {
    expect(rejections(result)).toEqual([]);
    expect(orders(result).map((o) => o.orderId)).toEqual(['EDI:edi-summit-outfitters:4500127731', 'EDI:edi-summit-outfitters:4500127732']);
  });

  it('maps the DC order: header, parties, dates, routing, terms', () => {
    expect(dc).toMatchObject({
      eventType: 'CREATED',
      channel: 'EDI',
      channelAccountId: 'edi-summit-outfitters',
      channelOrderId: '4500127731',
      purchaseOrderNumber: '4500127731',
      isTest: false,
      currency: 'USD',
      placedAt: Date.UTC(2026, 10, 18),
      occurredAt: Date.UTC(2026, 10, 18, 7, 12),
      sourceDeliveryId: '000004711/4711/0001',
      customer: {
        email: 'ralvarez@summitoutfitters.example',
        fullName: 'Renee Alvarez',
        companyName: 'Summit Outfitters Inc',
        phone: '6145550123',
        b2bAccountRef: '0614141000005',
      },
      payment: { status: 'ON_TERMS', method: 'INVOICE', paymentTerms: 'NET30', amountMinor: 0 },
      shipping: {
        channelMethodCode: 'ODFL-LTL',
        serviceLevel: 'FREIGHT',
        requestedCarrierCode: 'ODFL',
        shipBy: Date.UTC(2026, 10, 24),
        deliverBy: Date.UTC(2026, 11, 1),
      },
      attributes: { BEG02: 'SA', 'REF:DP': '087', 'REF:IA': '77120', 'N1:BY': 'UL:0614141000005' },
    });
    expect(dc!.shipTo).toEqual({
      name: null,
      company: 'Summit Outfitters Regional DC',
      lines: ['2800 Port Columbus Blvd', 'Dock Doors 14-22'],
      city: 'Columbus',
      region: 'US-OH',
      postalCode: '43219',
      countryCode: 'US',
      phone: null,
      locationCode: '9001',
    });
    expect(dc!.billTo).toMatchObject({ company: 'Summit Outfitters Accounts Payable', lines: ['PO Box 1450'], postalCode: '43216' });
  });

  it('maps case-pack lines in the channel unit and sub-cent prices exactly on the extended amount', () => {
    expect(dc!.lines).toEqual([
      {
        lineId: '1',
        channelSku: '100234567',
        channelProductId: null,
        gtin: '012345678905',
        description: 'Trail Tee Black M 12pk',
        quantity: 20,
        unitOfMeasure: 'CS',
        unitPriceMinor: 8640,
        lineSubtotalMinor: 172800,
        discountMinor: 0,
        taxMinor: 0,
        attributes: { 'PO1:UP': '012345678905', 'PO1:VN': 'TEE-BLK-M', PO104: '86.40', 'PO4:pack': '12', 'PO4:size': '1', 'PO4:uom': 'EA' },
      },
      expect.objectContaining({ lineId: '2', channelSku: '100234570', quantity: 10, unitOfMeasure: 'CS', unitPriceMinor: 21570, lineSubtotalMinor: 215700 }),
      // $8.125 each: the unit price rounds to 813, the authoritative extended amount 48 × 8.125 = 390.00 is exact.
      expect.objectContaining({ lineId: '3', channelSku: '100299001', quantity: 48, unitOfMeasure: 'EA', unitPriceMinor: 813, lineSubtotalMinor: 39000 }),
    ]);
    expect(dc!.totals).toEqual({ subtotalMinor: 427500, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: 427500 });
  });

  it('maps the store order shipped by parcel to store 0457', () => {
    expect(store).toMatchObject({
      channelOrderId: '4500127732',
      billTo: null,
      shipTo: { company: 'Summit Outfitters Store 457', city: 'Denver', region: 'US-CO', postalCode: '80216', locationCode: '0457' },
      shipping: { channelMethodCode: 'UPSN-GROUND', serviceLevel: 'STANDARD', requestedCarrierCode: 'UPSN', shipBy: null, deliverBy: Date.UTC(2026, 10, 23) },
      totals: { subtotalMinor: 27036, totalMinor: 27036 },
    });
  });

  it('acknowledges with a 997 accepting both sets, addressed back to the partner', () => {
    expect(result.functionalAcknowledgement).toBe(
      [
        'ISA*00*          *00*          *ZZ*CROSSDOCKDIST  *ZZ*SUMMITOUTFIT   *261118*1214*U*00401*000004711*0*P*>',
        'GS*FA*CROSSDOCK*SUMMITOUTFIT*20261118*1214*4711*X*004010',
        'ST*997*0001',
        'AK1*PO*4711',
        'AK2*850*0001',
        'AK5*A',
        'AK2*850*0002',
        'AK5*A',
        'AK9*A*2*2*2',
        'SE*8*0001',
        'GE*1*4711',
        'IEA*1*000004711',
      ].join('~\n') + '~\n',
    );
  });

  it('produces a 997 that an independent X12 parser accepts in strict mode (counts and control numbers)', () => {
    const ack = run('850-summit-dc-and-store.edi', 9001).functionalAcknowledgement!;
    const parsed = new X12Parser(true).parse(ack) as X12Interchange;
    expect(parsed.header.valueOf(13)).toBe('9001');
    expect(parsed.functionalGroups[0]!.transactions[0]!.header.valueOf(1)).toBe('997');
    expect(ack.split('~\n')[0]).toHaveLength(105);
  });

  it('reads separators from the ISA: pipe elements, newline terminators, colon components', () => {
    const piped = run('850-pipe-delimited.edi');
    expect(orders(piped)).toHaveLength(1);
    expect(orders(piped)[0]).toEqual({ ...store, sourceDeliveryId: '000004718/4718/0001', occurredAt: store!.occurredAt });
    expect(piped.functionalAcknowledgement).toContain('AK9|A|1|1|1\n');
  });

  it('gives a re-sent PO (new interchange) the same eventId', () => {
    expect(orders(run('850-pipe-delimited.edi'))[0]!.eventId).toBe(store!.eventId);
  });
});

describe('X12PurchaseOrderAdapter: malformed 850s', () => {
  it('rejects a bad unit price in one set, accepts the other, 997 partially accepted with AK3/AK4', () => {
    const result = run('850-bad-unit-price.edi');
    expect(orders(result).map((o) => o.channelOrderId)).toEqual(['4500127732']);
    expect(rejections(result)).toEqual([
      { code: 'AMOUNT_INVALID', field: 'PO104@21', message: "PO104 '215,70' is not a decimal unit price", channelOrderId: '4500127733' },
    ]);
    expect(ackSegments(result)).toEqual([
      'AK1*PO*4713',
      'AK2*850*0001',
      'AK5*A',
      'AK2*850*0002',
      'AK3*PO1*21**8',
      'AK4*4*212*6*215,70',
      'AK5*R*5',
      'AK9*P*2*2*1',
    ]);
  });

  it('rejects a set whose SE01 segment count is wrong (AK5 code 4)', () => {
    const result = run('850-wrong-se-count.edi');
    expect(orders(result)).toEqual([]);
    expect(rejections(result)).toEqual([expect.objectContaining({ code: 'X12_CONTROL_COUNT_MISMATCH', field: 'SE01', channelOrderId: '4500127731' })]);
    expect(ackSegments(result)).toEqual(['AK1*PO*4712', 'AK2*850*0001', 'AK5*R*4', 'AK9*R*1*1*0']);
  });

  it('rejects a group whose GE01 count is wrong (AK9 code 4)', () => {
    const result = run('850-wrong-ge-count.edi');
    expect(rejections(result)).toEqual([expect.objectContaining({ code: 'X12_CONTROL_COUNT_MISMATCH', field: 'GE01' })]);
    expect(ackSegments(result)).toEqual(['AK1*PO*4716', 'AK2*850*0001', 'AK5*R', 'AK9*R*2*1*0*4']);
  });

  it('rejects a CTT01 line count that does not match the PO1 lines', () => {
    const result = run('850-wrong-ctt-count.edi');
    expect(rejections(result)).toEqual([expect.objectContaining({ code: 'X12_CONTROL_COUNT_MISMATCH', field: 'CTT01@17' })]);
    expect(ackSegments(result)).toContain('AK3*CTT*17**8');
    expect(ackSegments(result)).toContain('AK4*1*354*7*3');
  });

  it('rejects a PO without a ship-to party (AK3 mandatory segment missing)', () => {
    const result = run('850-missing-ship-to.edi');
    expect(rejections(result)).toEqual([expect.objectContaining({ code: 'X12_SEGMENT_MISSING', field: 'N1', channelOrderId: '4500127732' })]);
    expect(ackSegments(result)).toEqual(['AK1*PO*4714', 'AK2*850*0001', 'AK3*N1*15**3', 'AK5*R*5', 'AK9*R*1*1*0']);
  });

  it('rejects a file that is not X12 without a 997 (nobody to address it to)', () => {
    const result = run('850-not-x12.txt');
    expect(result.functionalAcknowledgement).toBeNull();
    expect(rejections(result)).toEqual([expect.objectContaining({ code: 'PAYLOAD_MALFORMED', field: 'ISA' })]);
  });

  it('rejects a truncated ISA as an envelope error', () => {
    const content = fixtureBytes('edi/850-summit-dc-and-store.edi').toString().replace('*ZZ*SUMMITOUTFIT   *', '*ZZ*SUMMITOUTFIT*');
    const result = adapter.adapt({ content }, context);
    expect(rejections(result)).toEqual([expect.objectContaining({ code: 'X12_ENVELOPE_INVALID', field: 'ISA' })]);
  });

  it('rejects every set from a sender that is not this trading partner', () => {
    const content = fixtureBytes('edi/850-summit-dc-and-store.edi').toString().replace('*ZZ*SUMMITOUTFIT   *', '*ZZ*OTHERRETAILER  *');
    const result = adapter.adapt({ content }, context);
    expect(orders(result)).toEqual([]);
    expect(rejections(result).map((r) => r.code)).toEqual(['ACCOUNT_UNKNOWN', 'ACCOUNT_UNKNOWN']);
    expect(ackSegments(result)).toContain('AK9*R*2*2*0');
  });

  it.each([
    ['a quantity with decimals', 'PO1*1*2*CS*86.40', 'PO1*1*2.5*CS*86.40', 'QUANTITY_INVALID', 'PO102@12', 'AK4*2*330*6*2.5'],
    ['a missing buyer item number', 'IN*100299001*VN*BOTTLE-1L-STL', 'XX*100299001', 'FIELD_MISSING', 'PO107@15', 'AK4*7*234*1'],
    ['an impossible date', 'BEG*00*SA*4500127732**20261118', 'BEG*00*SA*4500127732**20261131', 'DATE_INVALID', 'BEG05@2', 'AK4*5*373*8*20261131'],
    ['an unsupported purpose code', 'BEG*00*SA*4500127732', 'BEG*05*SA*4500127732', 'DOCUMENT_UNSUPPORTED', 'BEG01@2', 'AK4*1*353*7*05'],
  ])('rejects %s', (_name, from, to, code, field, ak4) => {
    const original = fixtureBytes('edi/850-wrong-ge-count.edi').toString().replace('GE*2*', 'GE*1*');
    const result = adapter.adapt({ content: original.replace(from, to) }, context);
    expect(rejections(result)).toEqual([expect.objectContaining({ code, field })]);
    expect(ackSegments(result)).toContain(ak4);
    expect(ackSegments(result)).toContain('AK5*R*5');
  });

  it('maps BEG01 01 to a cancellation of the PO', () => {
    const content = fixtureBytes('edi/850-wrong-ge-count.edi').toString().replace('GE*2*', 'GE*1*').replace('BEG*00*', 'BEG*01*');
    const [cancel] = orders(adapter.adapt({ content }, context));
    expect(cancel).toMatchObject({
      eventType: 'CANCELLED',
      orderId: 'EDI:edi-summit-outfitters:4500127732',
      cancellation: { reasonCode: 'PO_CANCELLED', lines: [] },
    });
  });
});
