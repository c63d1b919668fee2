import { reject, RejectionReason } from './mapping-outcome';

/**
 * Readers for source JSON whose shape is not trusted: each returns the typed value or rejects the
 * record naming the field, so mappers read like the contract they fill.
 */
export type SourceObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is SourceObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, field: string): SourceObject {
  if (!isObject(value)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
  return value;
}

/** A trimmed string, or '' when absent: callers decide whether empty is allowed. */
export function text(source: SourceObject, field: string): string {
  const value = source[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') reject(RejectionReason.MalformedChange, field, `${field} is not a string`);
  return value.trim();
}

export function optionalText(source: SourceObject, field: string): string | null {
  const value = text(source, field);
  return value === '' ? null : value;
}

/** A whole quantity. Source systems send fractions and strings too; both are refused, never rounded. */
export function quantity(source: SourceObject, field: string, { mayBeNegative = false, dotted = field } = {}): number {
  const value = source[field];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    reject(RejectionReason.NonIntegerQuantity, dotted, `${dotted} is ${JSON.stringify(value)}, not a number`);
  }
  if (!Number.isSafeInteger(value)) reject(RejectionReason.NonIntegerQuantity, dotted, `${dotted} is ${value}, not a whole base-unit quantity`);
  if (!mayBeNegative && value < 0) reject(RejectionReason.NegativeQuantity, dotted, `${dotted} is ${value}`);
  return value;
}

/** ISO 8601 timestamp to epoch milliseconds. */
export function timestamp(source: SourceObject, field: string, dotted = field): number {
  const value = source[field];
  const millis = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(millis) || millis <= 0) reject(RejectionReason.InvalidTimestamp, dotted, `${dotted} is ${JSON.stringify(value)}, not an ISO timestamp`);
  return millis;
}

export function optionalTimestamp(source: SourceObject, field: string, dotted = field): number | null {
  const value = source[field];
  return value === undefined || value === null ? null : timestamp(source, field, dotted);
}

/** Monotonic per key: the consumers' only ordering rule, so a record without one is refused. */
export function version(source: SourceObject, field: string): number {
  const value = source[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    reject(RejectionReason.InvalidVersion, field, `${field} is ${JSON.stringify(value)}, not a non-negative integer`);
  }
  return value;
}

export function arrayAt(source: SourceObject, field: string): readonly unknown[] {
  const value = source[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) reject(RejectionReason.MalformedChange, field, `${field} is not a list`);
  return value;
}
