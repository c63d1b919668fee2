import type { SeededRandom } from '../core/seeded-random';

/** The simulated distributor's GS1 company prefix (the catalog's GTINs use it too). */
const GS1_COMPANY_PREFIX = '0614141';

/** GS1 mod-10 check digit: weights 3 and 1 alternating from the rightmost digit of the body. */
export function gs1CheckDigit(body: string): string {
  const sum = [...body].reverse().reduce((total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1), 0);
  return String((10 - (sum % 10)) % 10);
}

/** SSCC-18 of a carton: extension digit 0, company prefix, serial reference, check digit. */
export function sscc18(serial: number): string {
  const body = `0${GS1_COMPANY_PREFIX}${String(serial).padStart(9, '0')}`;
  return `${body}${gs1CheckDigit(body)}`;
}

export type CarrierFamily = 'UPS' | 'USPS' | 'FEDEX';

/** The carrier a code names: SCACs (UPSN, FDEG, USPS) and plain names alike; unknown codes ship UPS. */
export function carrierFamily(code: string): CarrierFamily {
  const upper = code.toUpperCase();
  if (upper.startsWith('USPS') || upper.startsWith('US POSTAL')) return 'USPS';
  if (upper.startsWith('FD') || upper.startsWith('FEDEX') || upper.startsWith('FX')) return 'FEDEX';
  return 'UPS';
}

/**
 * A tracking number in the carrier's own format: UPS `1Z` + shipper account + service + package
 * digits (18 characters), USPS `9400` + 18 digits with its mod-10 check digit (22), FedEx 12 digits.
 */
export function trackingNumber(family: CarrierFamily, random: SeededRandom): string {
  const digits = (count: number) => Array.from({ length: count }, () => String(random.int(0, 9))).join('');
  switch (family) {
    case 'UPS':
      return `1Z4X7W93${digits(1)}3${digits(8)}`;
    case 'USPS': {
      const body = `9400${digits(17)}`;
      return `${body}${gs1CheckDigit(body)}`;
    }
    case 'FEDEX':
      return `7${digits(11)}`;
  }
}
