import { createHash } from 'node:crypto';
import type { SalesChannel } from '@crossdock/contracts';

/** 2^53 - 1: the id stays an exact integer in JavaScript and JSON. */
const MAX_ID = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The package's id towards the channel. Amazon's packageReferenceId must be a positive integer
 * (sent as a string) unique per order and the same on every re-send: it is derived from the hub
 * package reference (SHA-256, reduced to 1..2^53-1), so it is stable across restarts and instances.
 * Other channels take the hub package reference as it is.
 */
export function channelPackageId(channel: SalesChannel, packageReference: string): string {
  if (channel !== 'AMAZON') return packageReference;
  const digest = createHash('sha256').update(packageReference, 'utf8').digest();
  return ((digest.readBigUInt64BE(0) % MAX_ID) + 1n).toString();
}
