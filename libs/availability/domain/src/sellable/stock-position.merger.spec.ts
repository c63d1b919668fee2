import { HOUR, NOW, supply } from '../test-support/availability.fixtures';
import { mergeStockPositions } from './stock-position.merger';
import type { PositionFigures } from './stock.types';

const figures = (overrides: Partial<PositionFigures>): PositionFigures => ({
  onHand: 0,
  allocated: 0,
  qualityHold: 0,
  inbound: [],
  asOf: NOW,
  version: 1,
  sourceSystem: 'x',
  ...overrides,
});

describe('mergeStockPositions', () => {
  const at = { sku: 'SKU-1', locationId: 'DC-RENO' };

  it('takes on-hand and inbound from the ERP, the larger allocation and hold, and the older asOf', () => {
    const erp = figures({
      onHand: 100,
      allocated: 12,
      qualityHold: 1,
      inbound: [supply(50, NOW)],
      asOf: NOW - HOUR,
    });
    const wms = figures({
      onHand: 97,
      allocated: 10,
      qualityHold: 4,
      inbound: [supply(50, NOW, { sourceType: 'ADVANCE_SHIP_NOTICE' })],
    });
    expect(mergeStockPositions({ ...at, erp, wms })).toEqual({
      ...at,
      onHand: 100,
      allocated: 12,
      qualityHold: 4,
      inbound: erp.inbound,
      asOf: NOW - HOUR,
      sources: ['ERP', 'WMS'],
    });
  });

  it('uses a lone WMS/3PL position whole', () => {
    const wms = figures({
      onHand: 40,
      allocated: 5,
      qualityHold: 2,
      inbound: [supply(9, NOW)],
    });
    expect(mergeStockPositions({ ...at, erp: undefined, wms })).toMatchObject({
      onHand: 40,
      allocated: 5,
      qualityHold: 2,
      inbound: wms.inbound,
      sources: ['WMS'],
    });
  });

  it('uses a lone ERP position whole', () => {
    expect(
      mergeStockPositions({
        ...at,
        erp: figures({ onHand: 7, allocated: 3 }),
        wms: undefined,
      }),
    ).toMatchObject({ onHand: 7, allocated: 3, sources: ['ERP'] });
  });

  it('reports no position as unknown rather than zero', () => {
    expect(mergeStockPositions({ ...at, erp: undefined, wms: undefined })).toBeUndefined();
  });
});
