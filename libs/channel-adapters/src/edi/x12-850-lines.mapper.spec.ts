import type { ChannelOrderEventType, ChannelOrderLine } from '@crossdock/contracts';
import { segment, segmentRejection, transactionSegments } from '../testing/x12-segments';
import { linesReader, mapPo1, withPid, withPo4, type LinePricing } from './x12-850-lines.mapper';

const USD: LinePricing = { exponent: 2, skuQualifier: 'IN' };

/** The PO1 loops of Summit Outfitters' DC purchase order (fixtures/edi/850-summit-dc-and-store.edi). */
const DC_LINES = `
  N4*Columbus*OH*43219*US~
  PO1*1*20*CS*86.40**UP*012345678905*IN*100234567*VN*TEE-BLK-M~
  PID*F****Trail Tee Black M 12pk~
  PO4*12*1*EA~
  PO1*2*10*CS*215.70**UP*012345678912*IN*100234570*VN*HOODIE-GRY-L~
  PID*F****Ridge Hoodie Grey L 6pk~
  PO4*6*1*EA~
  PO1*3*48*EA*8.125**UP*012345678929*IN*100299001*VN*BOTTLE-1L-STL~
  PID*F****Summit Steel Bottle 1L~
  CTT*3*78~
`;

function lines(text: string, pricing: LinePricing = USD, eventType: ChannelOrderEventType = 'CREATED'): readonly ChannelOrderLine[] {
  const reader = linesReader(pricing);
  for (const seg of transactionSegments(text)) reader.read(seg);
  return reader.finish(eventType);
}

describe('linesReader (PO1 loop: PO1, PID, PO4)', () => {
  it("maps the DC order's case-pack lines, and a sub-cent price exactly on the extended amount", () => {
    expect(lines(DC_LINES)).toEqual([
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
      expect.objectContaining({
        lineId: '2',
        channelSku: '100234570',
        description: 'Ridge Hoodie Grey L 6pk',
        quantity: 10,
        unitPriceMinor: 21570,
        lineSubtotalMinor: 215700,
      }),
      // 48 × $8.125 = $390.00 exactly; the unit price alone rounds to 813.
      expect.objectContaining({
        lineId: '3',
        channelSku: '100299001',
        unitOfMeasure: 'EA',
        unitPriceMinor: 813,
        lineSubtotalMinor: 39000,
        attributes: { 'PO1:UP': '012345678929', 'PO1:VN': 'BOTTLE-1L-STL', PO104: '8.125' },
      }),
    ]);
  });

  it('numbers a PO1 without PO101 by its place, and ignores PID/PO4 outside a PO1 loop', () => {
    const result = lines('PID*F****Not a line~PO1**2*CS*86.40**IN*100234567~PO1**1*EA*8.13**IN*100299001~CTT*2~PID*F****After CTT~PO4*6~');
    expect(result.map((l) => [l.lineId, l.description, l.attributes])).toEqual([
      ['1', null, { PO104: '86.40' }],
      ['2', null, { PO104: '8.13' }],
    ]);
  });

  it('is empty for a cancellation without lines, refused for an original PO', () => {
    expect(lines('CTT*0~', USD, 'CANCELLED')).toEqual([]);
    expect(segmentRejection(() => lines('CTT*0~'))).toMatchObject({ code: 'NO_LINES', field: 'PO1', note: { segmentId: 'PO1', position: 0, code: '3' } });
  });

  it('rejects a repeated line number at the second PO1', () => {
    const rejection = segmentRejection(() => lines('PO1*1*2*CS*86.40**IN*100234567~PO1*1*12*EA*8.13**IN*100299001~'));
    expect(rejection).toMatchObject({
      code: 'FIELD_INVALID',
      field: 'PO101@3',
      message: 'PO101 line number 1 is repeated',
      note: { element: { position: 1, reference: '350', code: '7', badValue: '1' } },
    });
  });
});

describe('mapPo1', () => {
  it('takes the item number of the mapping qualifier, else VN, else SK; other product ids become attributes', () => {
    expect(mapPo1(segment('PO1*1*2*CS*86.40**UP*012345678905*IN*100234567*VN*TEE-BLK-M~'), '1', { exponent: 2, skuQualifier: 'VN' })).toMatchObject({
      channelSku: 'TEE-BLK-M',
      gtin: '012345678905',
      attributes: { 'PO1:UP': '012345678905', 'PO1:IN': '100234567', PO104: '86.40' },
    });
    expect(mapPo1(segment('PO1*1*2*CS*86.40**SK*TEE-BLK-M-12*EN*4006381333931~'), '1', USD)).toMatchObject({
      channelSku: 'TEE-BLK-M-12',
      gtin: '4006381333931',
    });
  });

  it('prices in the currency exponent: JPY has no minor unit', () => {
    expect(mapPo1(segment('PO1*1*3*EA*1250**IN*100299001~'), '1', { exponent: 0, skuQualifier: 'IN' })).toMatchObject({
      unitPriceMinor: 1250,
      lineSubtotalMinor: 3750,
    });
  });

  it.each([
    [
      'a quantity with decimals',
      'PO1*1*2.5*CS*86.40**IN*100234567~',
      { code: 'QUANTITY_INVALID', field: 'PO102@2', note: { element: { position: 2, reference: '330', code: '6', badValue: '2.5' } } },
    ],
    [
      'no quantity',
      'PO1*1**CS*86.40**IN*100234567~',
      { code: 'QUANTITY_INVALID', field: 'PO102@2', note: { element: { position: 2, code: '1', badValue: null } } },
    ],
    [
      'a decimal comma',
      'PO1*2*10*CS*215,70**IN*100234570~',
      {
        code: 'AMOUNT_INVALID',
        field: 'PO104@2',
        message: "PO104 '215,70' is not a decimal unit price",
        note: { element: { position: 4, reference: '212', code: '6', badValue: '215,70' } },
      },
    ],
    ['a negative price', 'PO1*2*10*CS*-1.00**IN*100234570~', { code: 'AMOUNT_INVALID', field: 'PO104@2' }],
    ['no price', 'PO1*2*10*CS***IN*100234570~', { code: 'FIELD_MISSING', field: 'PO104@2', note: { element: { position: 4, code: '1' } } }],
    [
      'no buyer, vendor or SKU item number',
      'PO1*3*48*EA*8.125**UP*012345678929~',
      { code: 'FIELD_MISSING', field: 'PO107@2', message: 'PO1 line 1 has no IN, VN or SK item number' },
    ],
  ])('rejects %s', (_name, text, expected) => {
    expect(segmentRejection(() => mapPo1(segment(text), '1', USD))).toMatchObject(expected);
  });
});

describe('withPid and withPo4', () => {
  const line = mapPo1(segment('PO1*1*20*CS*86.40**IN*100234567~'), '1', USD);

  it('keeps the first PID05 description', () => {
    const described = withPid(line, segment('PID*F****Trail Tee Black M 12pk~', 3));
    expect(described.description).toBe('Trail Tee Black M 12pk');
    expect(withPid(described, segment('PID*F****Another description~', 4))).toBe(described);
    expect(withPid(line, segment('PID*F*08***~', 3))).toBe(line);
  });

  it('adds the pack, and the inner size and unit when given; a PO4 without pack changes nothing', () => {
    expect(withPo4(line, segment('PO4*12*1*EA~', 3)).attributes).toEqual({ PO104: '86.40', 'PO4:pack': '12', 'PO4:size': '1', 'PO4:uom': 'EA' });
    expect(withPo4(line, segment('PO4*24~', 3)).attributes).toEqual({ PO104: '86.40', 'PO4:pack': '24' });
    expect(withPo4(line, segment('PO4**1*EA~', 3))).toBe(line);
  });
});
