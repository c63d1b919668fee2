import { createHash } from 'node:crypto';

/** Namespace of carrier tracking event ids: a fixed random UUID owned by the carrier connector. */
const CARRIER_TRACKING_NAMESPACE = Buffer.from('8d4f2a1e6c3b4f7a9e0d5b6c7a8f9e01', 'hex');

/**
 * The hub's eventId of a tracking provider's event: an RFC 9562 name-based UUID (version 5, SHA-1)
 * of `<provider>|<provider event id>`. A redelivered webhook therefore carries the same eventId,
 * and consumers deduplicate on it.
 */
export function trackingEventId(provider: string, providerEventId: string): string {
  const digest = createHash('sha1').update(CARRIER_TRACKING_NAMESPACE).update(`${provider}|${providerEventId}`, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}
