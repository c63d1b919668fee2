import { sampleMapping } from '../testing/fixtures';
import { segment, segmentRejection, transactionSegments } from '../testing/x12-segments';
import { headerDetailsReader, mapHeader, termsOfSale, type HeaderDetails } from './x12-850-header.mapper';

const mapping = sampleMapping('edi-summit-outfitters');

/** The heading area of Summit Outfitters' DC purchase order (fixtures/edi/850-summit-dc-and-store.edi). */
const DC_HEADING = `
  BEG*00*SA*4500127731**20261118~
  CUR*BY*USD~
  REF*DP*087~
  REF*IA*77120~
  PER*BD*Renee Alvarez*TE*6145550123*EM*ralvarez@summitoutfitters.example~
  ITD*14*3*****30~
  DTM*010*20261124~
  DTM*002*20261201~
  TD5*O*2*ODFL*M*LTL~
  N1*ST*Summit Outfitters Regional DC*92*9001~
`;

function details(text: string): HeaderDetails {
  const reader = headerDetailsReader();
  for (const seg of transactionSegments(text)) reader.read(seg);
  return reader.finish();
}

describe('mapHeader (BEG, CUR)', () => {
  it("maps the DC order's identity, date and currency", () => {
    expect(mapHeader(transactionSegments(DC_HEADING), mapping)).toEqual({
      eventType: 'CREATED',
      poNumber: '4500127731',
      placedAt: Date.UTC(2026, 10, 18),
      currency: 'USD',
      exponent: 2,
      poTypeCode: 'SA',
    });
  });

  it('maps BEG01 01 to a cancellation, and takes the currency from CUR*BY, else the mapping', () => {
    expect(mapHeader(transactionSegments('BEG*01*SA*4500127731**20261118~CUR*BY*JPY~'), mapping)).toMatchObject({
      eventType: 'CANCELLED',
      currency: 'JPY',
      exponent: 0,
    });
    expect(mapHeader(transactionSegments('BEG*00*SA*4500127732**20261118~CUR*SE*CAD~'), mapping)).toMatchObject({ currency: 'USD', exponent: 2 });
  });

  it.each([
    ['no BEG', 'CUR*BY*USD~', { code: 'X12_SEGMENT_MISSING', field: 'BEG', note: { segmentId: 'BEG', position: 0, code: '3' } }],
    [
      'an unsupported purpose',
      'BEG*05*SA*4500127731**20261118~',
      {
        code: 'DOCUMENT_UNSUPPORTED',
        field: 'BEG01@2',
        note: { position: 2, code: '8', element: { position: 1, reference: '353', code: '7', badValue: '05' } },
      },
    ],
    [
      'no PO number',
      'BEG*00*SA***20261118~',
      { code: 'FIELD_MISSING', field: 'BEG03@2', note: { element: { position: 3, reference: '324', code: '1', badValue: null } } },
    ],
    [
      'an impossible date',
      'BEG*00*SA*4500127731**20261131~',
      { code: 'DATE_INVALID', field: 'BEG05@2', note: { element: { position: 5, reference: '373', code: '8', badValue: '20261131' } } },
    ],
    [
      'an unknown currency',
      'BEG*00*SA*4500127731**20261118~CUR*BY*XXX~',
      {
        code: 'CURRENCY_INVALID',
        field: 'CUR02@3',
        note: { segmentId: 'CUR', position: 3, element: { position: 2, reference: '100', code: '7', badValue: 'XXX' } },
      },
    ],
  ])('rejects %s', (_name, text, expected) => {
    expect(segmentRejection(() => mapHeader(transactionSegments(text), mapping))).toMatchObject(expected);
  });

  it('rejects a PO without CUR when the mapping has no default currency', () => {
    const rejection = segmentRejection(() => mapHeader(transactionSegments('BEG*00*SA*4500127731**20261118~'), { ...mapping, defaultCurrency: null }));
    expect(rejection).toMatchObject({ code: 'FIELD_MISSING', field: 'CUR', note: { segmentId: 'CUR', position: 0, code: '3' } });
  });
});

describe('headerDetailsReader (REF, ITD, DTM, TD5)', () => {
  it("maps the DC order's references, terms, dates and carrier", () => {
    expect(details(DC_HEADING)).toEqual({
      references: { 'REF:DP': '087', 'REF:IA': '77120' },
      paymentTerms: 'NET30',
      shipBy: Date.UTC(2026, 10, 24),
      deliverBy: Date.UTC(2026, 11, 1),
      methodCode: 'ODFL-LTL',
      requestedCarrierCode: 'ODFL',
    });
  });

  it('is empty for a PO without any of them', () => {
    expect(details('BEG*00*SA*4500127731**20261118~N1*ST*Store 457*92*0457~')).toEqual({
      references: {},
      paymentTerms: null,
      shipBy: null,
      deliverBy: null,
      methodCode: null,
      requestedCarrierCode: null,
    });
  });

  it('takes REF03 without REF02, keeps the last value of a repeated qualifier, skips a REF without qualifier', () => {
    expect(details('REF*DP*087~REF*IA**Vendor 77120~REF**X~REF*DP*088~').references).toEqual({ 'REF:DP': '088', 'REF:IA': 'Vendor 77120' });
  });

  it('keeps the last ship-by and deliver-by dates of either qualifier and ignores other DTM qualifiers', () => {
    expect(details('DTM*010*20261124~DTM*038*20261125~DTM*074*20261130~DTM*017*20261231~')).toMatchObject({
      shipBy: Date.UTC(2026, 10, 25),
      deliverBy: Date.UTC(2026, 10, 30),
    });
  });

  it('uses the first TD5; a carrier code is requested only when TD502 says SCAC', () => {
    expect(details('TD5*O*2*UPSN*U*GROUND~TD5*O*2*ODFL*M*LTL~')).toMatchObject({ methodCode: 'UPSN-GROUND', requestedCarrierCode: 'UPSN' });
    expect(details('TD5*O*92*CPU~')).toMatchObject({ methodCode: 'CPU', requestedCarrierCode: null });
    expect(details('TD5*O****LTL~')).toMatchObject({ methodCode: 'LTL', requestedCarrierCode: null });
  });

  it.each([
    [
      'an ITD07 that is not a number of days',
      'ITD*14*3*****thirty~',
      { code: 'FIELD_INVALID', field: 'ITD07@2', note: { element: { position: 7, reference: '386', code: '6', badValue: 'thirty' } } },
    ],
    [
      'an impossible ship-by date',
      'REF*DP*087~DTM*010*20261131~',
      { code: 'DATE_INVALID', field: 'DTM02@3', note: { segmentId: 'DTM', position: 3, element: { position: 2, code: '8' } } },
    ],
    ['a deliver-by date without a date', 'DTM*002~', { code: 'FIELD_MISSING', field: 'DTM02@2' }],
  ])('rejects %s', (_name, text, expected) => {
    expect(segmentRejection(() => details(text))).toMatchObject(expected);
  });
});

describe('termsOfSale (ITD)', () => {
  it('is NET<ITD07>, else the ITD12 description, else null', () => {
    expect([termsOfSale(segment('ITD*14*3*****30~')), termsOfSale(segment('ITD*01*3**********2% 10 NET 30~')), termsOfSale(segment('ITD*14~'))]).toEqual([
      'NET30',
      '2% 10 NET 30',
      null,
    ]);
  });
});
