/** GS1 check digit of the first 17 digits of an SSCC-18 (weights 3, 1, 3, ... from the right). */
export function sscc18CheckDigit(first17: string): number {
  let sum = 0;
  for (let i = 0; i < first17.length; i += 1) sum += Number(first17[first17.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10;
}

/**
 * The SSCC-18 of a MAN*GM value: 18 digits with a valid check digit, or the 20-digit form that
 * starts with application identifier 00; null when it is neither.
 */
export function sscc18Of(value: string): string | null {
  const digits = /^00\d{18}$/.test(value) ? value.slice(2) : value;
  if (!/^\d{18}$/.test(digits)) return null;
  return sscc18CheckDigit(digits.slice(0, 17)) === Number(digits[17]) ? digits : null;
}
