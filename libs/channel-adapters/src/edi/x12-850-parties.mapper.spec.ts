import { segment, segmentRejection, transactionSegments } from '../testing/x12-segments';
import { contactOf, partiesReader, partyAddress, type Parties } from './x12-850-parties.mapper';

/** The contact and N1 loops of Summit Outfitters' DC purchase order (fixtures/edi/850-summit-dc-and-store.edi). */
const DC_PARTIES = `
  BEG*00*SA*4500127731**20261118~
  PER*BD*Renee Alvarez*TE*6145550123*EM*ralvarez@summitoutfitters.example~
  TD5*O*2*ODFL*M*LTL~
  N1*BY*Summit Outfitters Inc*UL*0614141000005~
  N1*BT*Summit Outfitters Accounts Payable*UL*0614141000005~
  N3*PO Box 1450~
  N4*Columbus*OH*43216*US~
  N1*ST*Summit Outfitters Regional DC*92*9001~
  N3*2800 Port Columbus Blvd*Dock Doors 14-22~
  N4*Columbus*OH*43219*US~
  PO1*1*20*CS*86.40**UP*012345678905*IN*100234567*VN*TEE-BLK-M~
`;

function parties(text: string, defaultCountry = 'US'): Parties {
  const reader = partiesReader();
  for (const seg of transactionSegments(text)) reader.read(seg);
  return reader.finish(defaultCountry);
}

describe('partiesReader (N1 loop: N1, N2, N3, N4; PER)', () => {
  it("maps the DC order's ship-to, bill-to, buyer and contact", () => {
    expect(parties(DC_PARTIES)).toEqual({
      shipTo: {
        name: null,
        company: 'Summit Outfitters Regional DC',
        lines: ['2800 Port Columbus Blvd', 'Dock Doors 14-22'],
        city: 'Columbus',
        region: 'US-OH',
        postalCode: '43219',
        countryCode: 'US',
        phone: null,
        locationCode: '9001',
      },
      billTo: {
        name: null,
        company: 'Summit Outfitters Accounts Payable',
        lines: ['PO Box 1450'],
        city: 'Columbus',
        region: 'US-OH',
        postalCode: '43216',
        countryCode: 'US',
        phone: null,
        locationCode: '0614141000005',
      },
      buyer: { companyName: 'Summit Outfitters Inc', accountRef: '0614141000005' },
      contact: { name: 'Renee Alvarez', phone: '6145550123', email: 'ralvarez@summitoutfitters.example' },
      attributes: { 'N1:BY': 'UL:0614141000005' },
    });
  });

  it('maps a store ship-to with a mark-for party and no bill-to or buyer', () => {
    const store = parties('N1*ST*Summit Outfitters Store 457*92*0457~N2*Receiving~N3*4795 Brighton Blvd~N4*Denver*CO*80216*US~N1*Z7*Store 457*92*0457~');
    expect(store).toMatchObject({
      shipTo: { name: 'Receiving', company: 'Summit Outfitters Store 457', lines: ['4795 Brighton Blvd'], region: 'US-CO', locationCode: '0457' },
      billTo: null,
      buyer: { companyName: null, accountRef: null },
      contact: { name: null, phone: null, email: null },
      attributes: { 'N1:Z7': '0457' },
    });
  });

  it('keeps the first N1 of an entity code; N2/N3/N4 after another N1 or after a segment outside the loop are not its own', () => {
    const result = parties(
      'N1*ST*First DC*92*9001~N3*1 First St~PER*IC*Dock Office~N4*Columbus*OH*43219~N1*ST*Second DC*92*9002~N3*2 Second St~REF*DP*087~N3*3 Stray St~',
    );
    expect(result.shipTo).toMatchObject({ company: 'First DC', lines: ['1 First St'], city: 'Columbus', locationCode: '9001' });
  });

  it('takes the first contact, replaced only by a later buyer (BD) or order contact (OC)', () => {
    expect(parties('PER*IC*Ines Clerk*TE*1~PER*OC*Omar Contact*EM*omar@example.com~PER*IC*Ivan Clerk~N1*ST*DC~').contact).toEqual({
      name: 'Omar Contact',
      phone: null,
      email: 'omar@example.com',
    });
  });

  it.each([
    [
      'no ship-to party',
      'N1*BY*Summit Outfitters Inc*UL*0614141000005~',
      { code: 'X12_SEGMENT_MISSING', field: 'N1', note: { segmentId: 'N1', position: 0, code: '3' } },
    ],
    [
      'an N1 without entity code',
      'N1*ST*DC~N1**Someone~',
      { code: 'FIELD_MISSING', field: 'N101@3', note: { element: { position: 1, reference: '98', code: '1' } } },
    ],
    [
      'a ship-to country that is not ISO',
      'N1*ST*DC~N4*Columbus*OH*43219*USA~',
      { code: 'FIELD_INVALID', field: 'N404@3', note: { element: { position: 4, reference: '26', code: '7', badValue: 'USA' } } },
    ],
  ])('rejects %s', (_name, text, expected) => {
    expect(segmentRejection(() => parties(text))).toMatchObject(expected);
  });
});

describe('partyAddress', () => {
  it('uses the default country without N404 and keeps a region that is not a code as written', () => {
    const loop = { n1: segment('N1*ST*Summit Outfitters Toronto*ZZ*T1~'), n2: [], n3: [], n4: segment('N4*Toronto*Ontario*M5V 2T6~', 3) };
    expect(partyAddress(loop, 'CA')).toEqual({
      name: null,
      company: 'Summit Outfitters Toronto',
      lines: [],
      city: 'Toronto',
      region: 'Ontario',
      postalCode: 'M5V 2T6',
      countryCode: 'CA',
      phone: null,
      locationCode: null,
    });
  });
});

describe('contactOf (PER)', () => {
  it('reads the telephone and email from any of the three qualifier/number pairs', () => {
    const per = segment('PER*BD*Renee Alvarez*FX*6145550100*EM*ralvarez@summitoutfitters.example*TE*6145550123~');
    expect(contactOf(per)).toEqual({ name: 'Renee Alvarez', phone: '6145550123', email: 'ralvarez@summitoutfitters.example' });
  });
});
