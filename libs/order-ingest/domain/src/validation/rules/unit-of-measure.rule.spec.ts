import type { ChannelOrderLine } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { itemMaster } from '../../testing/sample-data.fixture';
import { convertToBaseUnit } from './unit-of-measure.rule';

const tee = itemMaster('TEE-BLK-M', { unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 12 }] });
const line = (quantity: number, unitOfMeasure: string | null): ChannelOrderLine => ({
  ...(sampleChannelOrder().lines[0] as ChannelOrderLine),
  quantity,
  unitOfMeasure,
});

describe('convertToBaseUnit', () => {
  it.each<[string | null, number]>([
    [null, 3],
    ['EA', 3],
    ['each', 3],
    ['CS', 36],
    ['cs', 36],
  ])('converts 3 %p to %p EA', (unit, expected) => {
    expect(convertToBaseUnit(line(3, unit), 0, tee).value).toBe(expected);
  });

  it('holds a unit without conversion (UNIT_OF_MEASURE_UNMAPPED)', () => {
    expect(convertToBaseUnit(line(1, 'PL'), 2, tee).issues).toEqual([
      expect.objectContaining({
        reasonCode: 'UNIT_OF_MEASURE_UNMAPPED',
        field: 'lines[2].unitOfMeasure',
        disposition: 'HELD',
      }),
    ]);
  });
});
