import { CarrierWebhookRejectionCode, refuseWebhook } from './carrier-webhook.rejection';

/**
 * Readers for a webhook's JSON, whose shape is not trusted: each returns the typed value or refuses
 * the webhook naming the dotted field, so the adapter reads like the contract it fills.
 */
export type WebhookObject = Readonly<Record<string, unknown>>;

export function isWebhookObject(value: unknown): value is WebhookObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectField(source: WebhookObject, key: string, path: string): WebhookObject {
  const value = source[key];
  if (value === undefined || value === null) refuseWebhook(CarrierWebhookRejectionCode.FieldMissing, path, `${path} is missing`);
  if (!isWebhookObject(value)) refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, path, `${path} is not an object`);
  return value;
}

/** A string that may be absent or null (then null); any other type is refused. Kept as sent, not trimmed. */
export function optionalString(source: WebhookObject, key: string, path: string): string | null {
  const value = source[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, path, `${path} is ${JSON.stringify(value)}, not a string`);
  return value;
}

/** A string with something in it other than white space. */
export function requiredString(source: WebhookObject, key: string, path: string): string {
  const value = optionalString(source, key, path);
  if (value === null || value.trim() === '') refuseWebhook(CarrierWebhookRejectionCode.FieldMissing, path, `${path} is missing or empty`);
  return value;
}

/** A field that must hold one exact word (EasyPost's `object` type names). */
export function expectWord(source: WebhookObject, key: string, path: string, word: string): void {
  const value = requiredString(source, key, path);
  if (value !== word) refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, path, `${path} is '${value}', expected '${word}'`);
}

// An ISO 8601 date-time that carries a zone (Z or ±hh:mm) after the time.
const ZONED = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * An ISO 8601 date-time as epoch milliseconds. EasyPost sends UTC (`...Z`) or, where it knows the
 * scan's place, a local time with its offset; one without any zone is UTC (EasyPost's default when
 * the location is unknown), never the reader's local time.
 */
export function optionalDateTime(source: WebhookObject, key: string, path: string): number | null {
  const value = optionalString(source, key, path);
  if (value === null) return null;
  const text = value.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T');
  const withZone = ZONED.test(text) || !text.includes('T') ? text : `${text}Z`;
  const millis = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(withZone) : Number.NaN;
  if (!Number.isFinite(millis)) refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, path, `${path} is '${value}', not an ISO 8601 date-time`);
  return millis;
}

export function requiredDateTime(source: WebhookObject, key: string, path: string): number {
  const millis = optionalDateTime(source, key, path);
  if (millis === null) refuseWebhook(CarrierWebhookRejectionCode.FieldMissing, path, `${path} is missing`);
  return millis;
}

/** A list that may be absent or null (then empty). */
export function optionalList(source: WebhookObject, key: string, path: string): readonly unknown[] {
  const value = source[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuseWebhook(CarrierWebhookRejectionCode.FieldInvalid, path, `${path} is not a list`);
  return value;
}
