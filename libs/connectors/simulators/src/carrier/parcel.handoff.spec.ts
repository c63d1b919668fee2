import { startParcelHandoff, type ShippedParcel } from './parcel.handoff';

describe('parcel handoff', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('hands each shipped carton to the carrier once, by EasyPost carrier name, and a reused number as a new tracker', () => {
    const followed: Array<[string, string, unknown]> = [];
    const carrier = {
      follow: (name: string, code: string, _journey?: unknown, options?: unknown) => (followed.push([name, code, options]), 'delivered' as const),
    };
    const shipped: ShippedParcel[] = [{ carrier: 'UPSN', trackingNumber: '1Z999AA10123456784', cartonId: '006141410000000011' }];
    const thirdParty: ShippedParcel[] = [{ carrier: 'FDEG', trackingNumber: '794644790138', cartonId: '006141410000000028' }];
    const stop = startParcelHandoff(carrier, [() => shipped, () => thirdParty], 100);

    jest.advanceTimersByTime(100);
    jest.advanceTimersByTime(100);
    expect(followed).toEqual([
      ['UPS', '1Z999AA10123456784', {}],
      ['FedEx', '794644790138', {}],
    ]);

    shipped.push({ carrier: 'USPS', trackingNumber: '9400111899223817176383', cartonId: '006141410000000035' });
    shipped.push({ carrier: 'UPS', trackingNumber: '1Z999AA10123456784', cartonId: '006141410000000042' });
    jest.advanceTimersByTime(100);
    expect(followed.slice(2)).toEqual([
      ['USPS', '9400111899223817176383', {}],
      ['UPS', '1Z999AA10123456784', { reissue: true }],
    ]);

    // Both cartons with the reused number stay in the warehouse's books: neither is handed off again.
    jest.advanceTimersByTime(300);
    expect(followed).toHaveLength(4);

    stop();
    shipped.push({ carrier: 'UPS', trackingNumber: '1Z999AA10123456791', cartonId: '006141410000000059' });
    jest.advanceTimersByTime(500);
    expect(followed).toHaveLength(4);
  });
});
