import { AdapterRejectionCode, reject } from './rejection';

/** Small strict readers for untrusted JSON: each fails with the offending field's path. */

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireRecord(value: unknown, field: string): Json {
  if (value === undefined || value === null) reject(AdapterRejectionCode.FieldMissing, field, `${field} is missing`);
  if (!isRecord(value)) reject(AdapterRejectionCode.FieldInvalid, field, `${field} is not an object`);
  return value;
}

export function optionalRecord(value: unknown, field: string): Json | null {
  return value === undefined || value === null ? null : requireRecord(value, field);
}

export function requireArray(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) reject(AdapterRejectionCode.FieldMissing, field, `${field} is missing`);
  if (!Array.isArray(value)) reject(AdapterRejectionCode.FieldInvalid, field, `${field} is not an array`);
  return value;
}

export function optionalArray(value: unknown, field: string): readonly unknown[] {
  return value === undefined || value === null ? [] : requireArray(value, field);
}

export function requireString(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    reject(AdapterRejectionCode.FieldMissing, field, `${field} is missing`);
  }
  if (typeof value !== 'string') reject(AdapterRejectionCode.FieldInvalid, field, `${field} is not a string`);
  if (value.trim() === '') reject(AdapterRejectionCode.FieldMissing, field, `${field} is blank`);
  return value;
}

/** A string, or null when absent/blank; a non-string is FIELD_INVALID. */
export function optionalString(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') reject(AdapterRejectionCode.FieldInvalid, field, `${field} is not a string`);
  return value.trim() === '' ? null : value.trim();
}

export function optionalBoolean(value: unknown, field: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') reject(AdapterRejectionCode.FieldInvalid, field, `${field} is not a boolean`);
  return value;
}

/**
 * A JSON id that may be a number or a numeric string; returned as its exact decimal string. A number
 * beyond 2^53 has already lost digits, so it is refused: parse ids that large with
 * `parseJsonWithExactIntegers`, which hands them over as strings.
 */
export function requireId(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') reject(AdapterRejectionCode.FieldMissing, field, `${field} is missing`);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value <= 0) {
      reject(AdapterRejectionCode.FieldInvalid, field, `${field} ${value} is not an exact positive integer id`);
    }
    return String(value);
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  reject(AdapterRejectionCode.FieldInvalid, field, `${field} is not an id`);
}

export function optionalId(value: unknown, field: string): string | null {
  return value === undefined || value === null ? null : requireId(value, field);
}

/** A positive whole quantity from a JSON number or (X12) numeric string. */
export function requireQuantity(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') reject(AdapterRejectionCode.FieldMissing, field, `${field} is missing`);
  const n = typeof value === 'string' && /^\d+(\.0*)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
    reject(AdapterRejectionCode.QuantityInvalid, field, `${field} '${String(value)}' is not a positive whole quantity`);
  }
  return n;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 timestamp with an explicit offset (`2026-11-20T10:15:42-05:00`, `...Z`) → ms UTC. */
export function requireTimestamp(value: unknown, field: string): number {
  const text = requireString(value, field);
  const match = ISO_TIMESTAMP.exec(text);
  const ms = match ? Date.parse(text) : Number.NaN;
  if (!match || Number.isNaN(ms) || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    reject(AdapterRejectionCode.DateInvalid, field, `${field} '${text}' is not an ISO 8601 timestamp with offset`);
  }
  return ms;
}

export function optionalTimestamp(value: unknown, field: string): number | null {
  return value === undefined || value === null || value === '' ? null : requireTimestamp(value, field);
}

export function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** ISO 3166-2 style region (`US-OR`) when the channel gives a short subdivision code, else as entered. */
export function regionCode(countryCode: string, region: string | null): string | null {
  if (region === null) return null;
  const r = region.trim().toUpperCase();
  return /^[A-Z0-9]{1,3}$/.test(r) ? `${countryCode}-${r}` : region.trim();
}

export function requireCountryCode(value: unknown, field: string): string {
  const text = requireString(value, field).trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(text)) reject(AdapterRejectionCode.FieldInvalid, field, `${field} '${text}' is not an ISO 3166-1 alpha-2 code`);
  return text;
}
