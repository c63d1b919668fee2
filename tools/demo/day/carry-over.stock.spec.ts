import { carryOverFromReservations } from './carry-over.stock';

describe('carryOverFromReservations', () => {
  it('turns open reservations per location into ERP on-hand to add back, by warehouse code', () => {
    const results = [
      {
        status: 200,
        availability: {
          sku: 'A',
          locations: [
            { locationId: 'DC-RENO', reserved: 4 },
            { locationId: 'DC-ATLANTA', reserved: 0 },
            { locationId: '3PL-DALLAS', reserved: 2 },
          ],
        },
      },
      { status: 404 },
      { status: 200, availability: { sku: 'B', locations: [{ locationId: 'AMAZON-FBA-US', reserved: 9 }] } },
    ];
    expect(carryOverFromReservations(results)).toEqual([
      { sku: 'A', warehouseCode: '01', quantity: 4 },
      { sku: 'A', warehouseCode: '90', quantity: 2 },
    ]);
  });
});
