import type { ChannelOrderEventType } from '@crossdock/contracts';
import { segmentRejection, transactionSegments } from '../testing/x12-segments';
import { totalsReader } from './x12-850-totals.mapper';

/** The summary of Summit Outfitters' DC purchase order (fixtures/edi/850-summit-dc-and-store.edi), after its last PO1 loop. */
const DC_SUMMARY = `
  PO1*3*48*EA*8.125**UP*012345678929*IN*100299001*VN*BOTTLE-1L-STL~
  PID*F****Summit Steel Bottle 1L~
  CTT*3*78~
`;

function total(text: string, lineCount: number, eventType: ChannelOrderEventType = 'CREATED', exponent = 2): number | null {
  const reader = totalsReader(exponent);
  for (const seg of transactionSegments(text)) reader.read(seg);
  return reader.finish(eventType, lineCount);
}

describe('totalsReader (CTT, AMT)', () => {
  it('accepts a CTT01 that counts the lines; without AMT*TT there is no stated total', () => {
    expect(total(DC_SUMMARY, 3)).toBeNull();
  });

  it('states the AMT*TT total in minor units, rounded half away from zero; other AMT qualifiers are not the total', () => {
    expect(total(`${DC_SUMMARY}AMT*TT*4275.00~AMT*GV*9999.99~`, 3)).toBe(427500);
    expect(total('CTT*1~AMT*TT*8.125~', 1)).toBe(813);
    expect(total('CTT*1~AMT*TT*1250~', 1, 'CREATED', 0)).toBe(1250);
  });

  it('counts against the last CTT', () => {
    expect(total('CTT*2~CTT*3~', 3)).toBeNull();
  });

  it('needs no CTT on a cancellation, but checks one that is there', () => {
    expect(total('BEG*01*SA*4500127731**20261118~', 0, 'CANCELLED')).toBeNull();
    expect(segmentRejection(() => total('CTT*2~', 0, 'CANCELLED'))).toMatchObject({ code: 'X12_CONTROL_COUNT_MISMATCH', field: 'CTT01@2' });
  });

  it.each([
    [
      'a CTT01 that does not count the lines',
      DC_SUMMARY,
      2,
      {
        code: 'X12_CONTROL_COUNT_MISMATCH',
        field: 'CTT01@4',
        message: 'CTT01 says 3 line items, the order has 2',
        note: { segmentId: 'CTT', position: 4, element: { position: 1, reference: '354', code: '7', badValue: '3' } },
      },
    ],
    [
      'an original PO without CTT',
      'PO1*1*2*CS*86.40**IN*100234567~',
      1,
      { code: 'X12_SEGMENT_MISSING', field: 'CTT', note: { segmentId: 'CTT', position: 0, code: '3' } },
    ],
    [
      'an AMT*TT that is not an amount',
      'CTT*1~AMT*TT*4,275.00~',
      1,
      { code: 'AMOUNT_INVALID', field: 'AMT02@3', note: { element: { position: 2, reference: '782', code: '6', badValue: '4,275.00' } } },
    ],
  ])('rejects %s', (_name, text, lineCount, expected) => {
    expect(segmentRejection(() => total(text, lineCount))).toMatchObject(expected);
  });
});
