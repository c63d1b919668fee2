import { sampleChannelOrder } from '@crossdock/testing';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';
import { availabilityFor, sampleCatalog } from '../../testing/sample-data.fixture';
import { availabilitySnapshotFrom } from '../validation-context';
import { assignFulfilmentLocations, type RoutableLine } from './fulfilment-location.rule';

const reference = sampleCatalog();
const shopify = reference.channelAccount('acme-outdoor') as ChannelAccountConfig;
const amazon = reference.channelAccount('amazon-us') as ChannelAccountConfig;
const oregon = sampleChannelOrder().shipTo;
const georgia = { ...oregon, region: 'GA', postalCode: '30303', city: 'Atlanta' };
const line = (lineId: string, sku: string, quantity: number, sellThroughOnly = false): RoutableLine => ({
  lineId,
  index: Number(lineId) - 1,
  sku,
  quantity,
  sellThroughOnly,
});
const stock = (s: Parameters<typeof availabilityFor>[1], account = 'acme-outdoor') => availabilitySnapshotFrom(availabilityFor(account, s));
const locations = (r: ReturnType<typeof assignFulfilmentLocations>) => Object.fromEntries([...r.assignments].map(([id, a]) => [id, a.locationId]));

describe('assignFulfilmentLocations', () => {
  it('ships the whole order from the first preferred location that can fill every line', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'TEE-BLK-M', 2), line('2', 'CAP-NVY-OS', 3)],
      shopify,
      oregon,
      false,
      reference,
      stock({ 'TEE-BLK-M': { 'DC-RENO': 5, 'DC-ATLANTA': 9 }, 'CAP-NVY-OS': { 'DC-RENO': 1, 'DC-ATLANTA': 9 } }),
    );
    expect(result.issues).toEqual([]);
    expect(locations(result)).toEqual({ '1': 'DC-ATLANTA', '2': 'DC-ATLANTA' });
  });

  it('splits per line in preference order when no location can ship complete', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'TEE-BLK-M', 2), line('2', 'CAP-NVY-OS', 3)],
      shopify,
      oregon,
      false,
      reference,
      stock({ 'TEE-BLK-M': { 'DC-RENO': 5 }, 'CAP-NVY-OS': { '3PL-DALLAS': 3 } }),
    );
    expect(locations(result)).toEqual({ '1': 'DC-RENO', '2': '3PL-DALLAS' });
    expect(result.assignments.get('2')?.locationType).toBe('THIRD_PARTY_LOGISTICS');
  });

  it('uses the regional override to ship east-coast orders from Atlanta first', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'TEE-BLK-M', 1)],
      shopify,
      georgia,
      false,
      reference,
      stock({ 'TEE-BLK-M': { 'DC-RENO': 5, 'DC-ATLANTA': 5 } }),
    );
    expect(locations(result)).toEqual({ '1': 'DC-ATLANTA' });
  });

  it('counts two lines of one SKU against the same sellable quantity', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'TEE-BLK-M', 3), line('2', 'TEE-BLK-M', 3)],
      shopify,
      oregon,
      false,
      reference,
      stock({ 'TEE-BLK-M': { 'DC-RENO': 4, 'DC-ATLANTA': 4 } }),
    );
    expect(locations(result)).toEqual({ '1': 'DC-RENO', '2': 'DC-ATLANTA' });
  });

  it('never routes to a location that does not serve the channel account', () => {
    const edi = reference.channelAccount('edi-summit-outfitters') as ChannelAccountConfig;
    const result = assignFulfilmentLocations(
      [line('1', 'TEE-BLK-M', 2)],
      edi,
      oregon,
      false,
      reference,
      stock({ 'TEE-BLK-M': { '3PL-DALLAS': 50 } }, 'edi-summit-outfitters'),
    );
    expect(result.issues[0]).toMatchObject({ reasonCode: 'NO_FULFILMENT_LOCATION' });
  });

  it('holds a line no location can fill (NO_FULFILMENT_LOCATION), naming what is sellable', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'TEE-BLK-M', 2), line('2', 'CAP-NVY-OS', 9)],
      shopify,
      oregon,
      false,
      reference,
      stock({ 'TEE-BLK-M': { 'DC-RENO': 5 }, 'CAP-NVY-OS': { 'DC-RENO': 2 } }),
    );
    expect(locations(result)).toEqual({ '1': 'DC-RENO' });
    expect(result.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'NO_FULFILMENT_LOCATION',
        field: 'lines[1].quantity',
        lineId: '2',
        disposition: 'HELD',
      }),
    ]);
    expect(result.issues[0]?.message).toContain('DC-RENO=2');
  });

  it('raises ITEM_DISCONTINUED instead when a discontinued item without substitute has run out', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'BOTTLE-1L-STL', 5, true)],
      shopify,
      oregon,
      false,
      reference,
      stock({ 'BOTTLE-1L-STL': { 'DC-RENO': 2 } }),
    );
    expect(result.issues).toEqual([expect.objectContaining({ reasonCode: 'ITEM_DISCONTINUED', lineId: '1', disposition: 'HELD' })]);
  });

  it('sells through a discontinued item while stock lasts', () => {
    const result = assignFulfilmentLocations(
      [line('1', 'BOTTLE-1L-STL', 2, true)],
      shopify,
      oregon,
      false,
      reference,
      stock({ 'BOTTLE-1L-STL': { 'DC-RENO': 2 } }),
    );
    expect(result.issues).toEqual([]);
  });

  it('records marketplace-fulfilled orders at the marketplace location without consulting stock', () => {
    const result = assignFulfilmentLocations([line('1', 'TEE-BLK-M', 2)], amazon, oregon, true, reference, stock({}));
    expect(result.assignments.get('1')).toEqual({ locationId: 'AMAZON-FBA-US', locationType: 'THIRD_PARTY_LOGISTICS' });
    expect(assignFulfilmentLocations([line('1', 'TEE-BLK-M', 2)], shopify, oregon, true, reference, stock({})).issues[0]?.reasonCode).toBe(
      'NO_FULFILMENT_LOCATION',
    );
  });
});
