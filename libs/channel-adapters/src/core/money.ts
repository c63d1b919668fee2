import { AdapterRejectionCode, reject } from './rejection';

/**
 * ISO 4217 minor-unit exponents for currencies whose exponent is not 2. Every other well-formed
 * code in {@link KNOWN_CURRENCIES} has exponent 2.
 */
const EXPONENT_NOT_TWO: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Active ISO 4217 codes with a minor unit (funds and metals excluded). */
const KNOWN_CURRENCIES = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN ' +
    'BZD CAD CDF CHF CLF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL ' +
    'GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW ' +
    'KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN ' +
    'NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK ' +
    'SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYI UYU ' +
    'UYW UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG'
  ).split(' '),
);

/** The ISO 4217 exponent of `currency`, or a CURRENCY_INVALID rejection naming `field`. */
export function currencyExponent(currency: unknown, field: string): number {
  if (typeof currency !== 'string' || !KNOWN_CURRENCIES.has(currency)) {
    reject(AdapterRejectionCode.CurrencyInvalid, field, `'${String(currency)}' is not a known ISO 4217 currency`);
  }
  return EXPONENT_NOT_TWO[currency] ?? 2;
}

/** An exact decimal: value = units / 10^scale. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;
const X12_DECIMAL = /^(-)?(\d*)(?:\.(\d*))?$/;

/**
 * Parses a plain decimal string (`"24.99"`, `"0"`, `"-3.5"`; no exponent, no thousands separators)
 * exactly. `x12` also accepts X12 R-type forms (`".5"`, `"12."`).
 */
export function parseDecimal(text: unknown, field: string, options: { x12?: boolean } = {}): Decimal {
  const match = typeof text === 'string' ? (options.x12 ? X12_DECIMAL : DECIMAL).exec(text.trim()) : null;
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || whole.length + fraction.length === 0) {
    reject(AdapterRejectionCode.AmountInvalid, field, `'${String(text)}' is not a decimal amount`);
  }
  const digits = BigInt(`${whole || '0'}${fraction}`);
  return { units: match[1] ? -digits : digits, scale: fraction.length };
}

/**
 * A decimal amount in minor units, exactly: `"24.99"` USD → 2499, `"1500"` JPY → 1500. Fails with
 * AMOUNT_INVALID when the amount has non-zero digits below the minor unit (`"24.999"` USD) or is
 * negative (unless `allowNegative`) — channels charge whole minor units, so anything else is a
 * broken document, never something to round silently.
 */
export function toMinorUnits(text: unknown, exponent: number, field: string, options: { allowNegative?: boolean } = {}): number {
  const decimal = parseDecimal(text, field);
  if (decimal.units < 0n && !options.allowNegative) {
    reject(AdapterRejectionCode.AmountInvalid, field, `amount '${String(text)}' is negative`);
  }
  const minor = rescaleExact(decimal, exponent);
  if (minor === null) {
    reject(AdapterRejectionCode.AmountInvalid, field, `amount '${String(text)}' has more precision than the currency's minor unit (10^-${exponent})`);
  }
  return safeNumber(minor, field);
}

/** quantity × unit price in minor units, rounded half away from zero (for sub-minor unit prices). */
export function extendToMinorUnits(quantity: number, unitPrice: Decimal, exponent: number, field: string): number {
  return safeNumber(roundHalfUp(BigInt(quantity) * unitPrice.units, unitPrice.scale, exponent), field);
}

/** A decimal rounded half away from zero to `exponent` places, in minor units. */
export function decimalToMinorRounded(value: Decimal, exponent: number, field: string): number {
  return safeNumber(roundHalfUp(value.units, value.scale, exponent), field);
}

/** `numerator / divisor` minor units rounded half away from zero (unit price from an extended amount). */
export function divideRounded(numerator: number, divisor: number): number {
  const n = BigInt(numerator);
  const d = BigInt(divisor);
  const q = n / d;
  const r = n % d;
  return Number(r * 2n >= d ? q + 1n : q);
}

function rescaleExact(decimal: Decimal, exponent: number): bigint | null {
  if (decimal.scale <= exponent) return decimal.units * 10n ** BigInt(exponent - decimal.scale);
  const factor = 10n ** BigInt(decimal.scale - exponent);
  return decimal.units % factor === 0n ? decimal.units / factor : null;
}

function roundHalfUp(units: bigint, scale: number, exponent: number): bigint {
  if (scale <= exponent) return units * 10n ** BigInt(exponent - scale);
  const factor = 10n ** BigInt(scale - exponent);
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const q = abs / factor;
  const rounded = (abs % factor) * 2n >= factor ? q + 1n : q;
  return negative ? -rounded : rounded;
}

function safeNumber(value: bigint, field: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    reject(AdapterRejectionCode.AmountInvalid, field, `amount ${value} minor units is out of range`);
  }
  return Number(value);
}
