import type { InboundSupply } from '@crossdock/contracts';
import { reject, RejectionReason } from './mapping-outcome';
import type { HubLocation, LocationMap } from './location-map';
import { quantity, type SourceObject } from './source-fields';

/** The source's warehouse code as a hub location; unmapped codes are refused, never guessed. */
export function hubLocation(locations: LocationMap, code: string, field: string): HubLocation {
  const location = locations.get(code);
  if (!location) reject(RejectionReason.UnknownWarehouse, field, `${field} ${code} is not mapped to a hub location`);
  return location;
}

/**
 * On-hand from a source count. The contract tolerates a negative figure (availability clamps it),
 * but a negative physical count means an unposted receipt or a booking error in the source;
 * publishing it would silently zero a location's stock, so it is held back for an operator.
 */
export function onHand(record: SourceObject, field: string): number {
  const value = quantity(record, field, { mayBeNegative: true });
  if (value < 0) reject(RejectionReason.NegativeOnHand, field, `${field} is ${value}`);
  return value;
}

/** Inbound lines sorted by expected date, so an unchanged position maps to an identical record. */
export function sortInbound(lines: InboundSupply[]): InboundSupply[] {
  return lines.sort(
    (a, b) => (a.expectedAt ?? Number.MAX_SAFE_INTEGER) - (b.expectedAt ?? Number.MAX_SAFE_INTEGER) || (a.reference ?? '').localeCompare(b.reference ?? ''),
  );
}
