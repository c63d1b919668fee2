import { OpenReservationsStore } from './open-reservations.store';

describe('OpenReservationsStore', () => {
  it('totals open reservations per SKU-location and per channel account', () => {
    const store = new OpenReservationsStore();
    store.reset([
      { sku: 'A', locationId: 'DC-RENO', channelAccountId: 'shop', open: 3 },
      { sku: 'A', locationId: 'DC-RENO', channelAccountId: 'amazon', open: 2 },
      { sku: 'A', locationId: 'DC-ATLANTA', channelAccountId: 'shop', open: 7 },
    ]);
    expect(store.openAt('A', 'DC-RENO')).toEqual({
      total: 5,
      byChannel: new Map([
        ['shop', 3],
        ['amazon', 2],
      ]),
    });
    expect(store.openAt('A', 'DC-ATLANTA').total).toBe(7);
  });

  it('replaces one SKU-location with what the database holds now, leaving the others alone', () => {
    const store = new OpenReservationsStore();
    store.reset([
      { sku: 'A', locationId: 'DC-RENO', channelAccountId: 'shop', open: 3 },
      { sku: 'A', locationId: 'DC-ATLANTA', channelAccountId: 'shop', open: 7 },
    ]);
    store.replaceAt('A', 'DC-RENO', [{ channelAccountId: 'amazon', open: 4 }]);
    expect(store.openAt('A', 'DC-RENO')).toEqual({ total: 4, byChannel: new Map([['amazon', 4]]) });
    store.replaceAt('A', 'DC-RENO', []);
    expect(store.openAt('A', 'DC-RENO').total).toBe(0);
    expect(store.openAt('A', 'DC-ATLANTA').total).toBe(7);
  });

  it('drops a SKU-location once nothing is open there, and lists the ones that hold something', () => {
    const store = new OpenReservationsStore();
    store.replaceAt('A', 'DC-RENO', [{ channelAccountId: 'shop', open: 2 }]);
    store.replaceAt('B', 'DC-RENO', [{ channelAccountId: 'shop', open: 1 }]);
    store.replaceAt('A', 'DC-RENO', [{ channelAccountId: 'shop', open: 0 }]);
    expect(store.openAt('A', 'DC-RENO')).toEqual({ total: 0, byChannel: new Map() });
    expect(store.skuLocations()).toEqual([{ sku: 'B', locationId: 'DC-RENO' }]);
  });

  it('does not confuse SKUs whose names run into the location id', () => {
    const store = new OpenReservationsStore();
    store.replaceAt('A@B', 'C', [{ channelAccountId: 'shop', open: 1 }]);
    expect(store.openAt('A', 'B@C').total).toBe(0);
  });
});
