import { CarrierDirectory } from './carrier-directory';

describe('CarrierDirectory', () => {
  const carriers = CarrierDirectory.standard();

  it.each([
    ['UPSN', 'UPSN'],
    ['UPS', 'UPSN'],
    ['ups ground', 'UPSN'],
    ['FDEG', 'FDEG'],
    ['FedEx', 'FDEG'],
    ['USPS', 'USPS'],
    ['DHL', 'DHLC'],
  ])('maps the source name %s to the hub carrier %s', (name, code) => {
    expect(carriers.resolve(name)?.code).toBe(code);
  });

  it('does not map a carrier it does not know (CARRIER_UNMAPPED is the caller s exception)', () => {
    expect(carriers.resolve('ACME-FREIGHT')).toBeUndefined();
    expect(carriers.resolve(null)).toBeUndefined();
    expect(carriers.resolve('')).toBeUndefined();
  });

  it('names the carrier as each channel expects and builds its tracking URL', () => {
    const ups = carriers.resolve('UPSN')!;
    expect(carriers.channelName(ups, 'SHOPIFY')).toBe('UPS');
    expect(carriers.channelName(ups, 'AMAZON')).toBe('UPS');
    expect(carriers.channelName(carriers.resolve('FDEG')!, 'SHOPIFY')).toBe('FedEx');
    expect(carriers.channelName(ups, 'WALMART')).toBe('UPS');
    expect(carriers.trackingUrl(ups, '1Z 999')).toBe('https://www.ups.com/track?tracknum=1Z%20999');
    expect(carriers.trackingUrl(ups, null)).toBeNull();
  });

  it('refuses a directory where one alias names two carriers', () => {
    expect(
      () =>
        new CarrierDirectory([
          { code: 'AAAA', name: 'A', aliases: ['X'], channelNames: {} },
          { code: 'BBBB', name: 'B', aliases: ['x'], channelNames: {} },
        ]),
    ).toThrow(/names both/);
  });
});
