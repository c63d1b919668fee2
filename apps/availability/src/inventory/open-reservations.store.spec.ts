import { OpenReservationsStore } from './open-reservations.store';

describe('OpenReservationsStore', () => {
  it('totals open reservations per SKU-location and per channel account', () => {
    const store = new OpenReservationsStore();
    store.reset([
      { sku: 'A', locationId: 'DC-RENO', channelAccountId: 'shop', open: 3 },
      { sku: 'A', locationId: 'DC-RENO', channelAccountId: 'amazon', open: 2 },
      { sku: 'A', locationId: 'DC-ATLANTA', channelAccountId: 'shop', open: 7 },
    ]);
    store.adjust('A', 'DC-RENO', 'shop', -1);
    expect(store.openAt('A', 'DC-RENO')).toEqual({
      total: 4,
      byChannel: new Map([
        ['shop', 2],
        ['amazon', 2],
      ]),
    });
    expect(store.openAt('A', 'DC-ATLANTA').total).toBe(7);
  });

  it('drops a SKU-location once nothing is open there', () => {
    const store = new OpenReservationsStore();
    store.adjust('A', 'DC-RENO', 'shop', 2);
    store.adjust('A', 'DC-RENO', 'shop', -2);
    expect(store.openAt('A', 'DC-RENO')).toEqual({ total: 0, byChannel: new Map() });
  });

  it('does not confuse SKUs whose names run into the location id', () => {
    const store = new OpenReservationsStore();
    store.adjust('A@B', 'C', 'shop', 1);
    expect(store.openAt('A', 'B@C').total).toBe(0);
  });
});
