import { segment, segmentRejection } from '../testing/x12-segments';
import { x12Seg } from '@crossdock/edi/x12';
import { rejectSegment, requiredElement, x12Date } from './x12-850.segment';

describe('x12Seg', () => {
  it('reads elements 1-based and trimmed, empty when absent', () => {
    const beg = x12Seg('BEG', 2, ['00', ' SA ', '4500127731', '', '20261118']);
    expect([beg.el(1), beg.el(2), beg.el(4), beg.el(5), beg.el(6)]).toEqual(['00', 'SA', '', '20261118', '']);
  });
});

describe('rejectSegment', () => {
  const po1 = segment('PO1*2*10*CS*215,70**IN*100234570~', 3);

  it('names the element and the segment position, and notes the bad value for the 997 AK3/AK4', () => {
    expect(segmentRejection(() => rejectSegment(po1, 'AMOUNT_INVALID', 4, '212', { ak4: '6' }, 'bad price'))).toEqual({
      code: 'AMOUNT_INVALID',
      field: 'PO104@3',
      message: 'bad price',
      note: { segmentId: 'PO1', position: 3, code: '8', element: { position: 4, reference: '212', code: '6', badValue: '215,70' } },
    });
  });

  it('names a missing segment by its id, at position 0 until the adapter places it', () => {
    expect(segmentRejection(() => rejectSegment(null, 'X12_SEGMENT_MISSING', null, null, {}, 'CTT segment is missing', 'CTT'))).toEqual({
      code: 'X12_SEGMENT_MISSING',
      field: 'CTT',
      message: 'CTT segment is missing',
      note: { segmentId: 'CTT', position: 0, code: '3' },
    });
  });
});

describe('requiredElement and x12Date', () => {
  const beg = segment('BEG*00*SA*4500127731**20261118~');
  const badDate = segment('BEG*00*SA*4500127731**2026111~', 3);

  it('return the element, the date as ms UTC', () => {
    expect(requiredElement(beg, 3, '324', 'purchase order number')).toBe('4500127731');
    expect(x12Date(beg, 5, '373')).toBe(Date.UTC(2026, 10, 18));
  });

  it('reject an empty element as mandatory missing, and a date that is not CCYYMMDD', () => {
    expect(segmentRejection(() => requiredElement(beg, 4, '328', 'release number'))).toMatchObject({
      code: 'FIELD_MISSING',
      field: 'BEG04@2',
      message: 'BEG04 (release number) is missing',
      note: { element: { position: 4, reference: '328', code: '1', badValue: null } },
    });
    expect(segmentRejection(() => x12Date(badDate, 5, '373'))).toMatchObject({
      code: 'DATE_INVALID',
      field: 'BEG05@3',
      note: { element: { code: '8', badValue: '2026111' } },
    });
  });
});
