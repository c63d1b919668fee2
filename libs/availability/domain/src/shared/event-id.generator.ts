import { createHash } from 'node:crypto';

// Fixed namespace so ids are stable across processes and releases (RFC 4122 name-based, v5 layout).
const NAMESPACE = 'crossdock.availability';

/**
 * An event id derived from what the event is about, not from a random source: re-deciding the
 * same change after a crash or redelivery yields the same eventId, which is what lets consumers
 * deduplicate re-publications (schemas/README.md, "Ownership, ordering, idempotency").
 */
export function deterministicEventId(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update('\u0000').update(name).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
