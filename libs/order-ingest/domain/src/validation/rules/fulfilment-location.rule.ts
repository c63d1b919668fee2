import type { LocationType, PostalAddress } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';
import type { ChannelAccountConfig, RoutingPreference } from '../../reference-data/reference-data.schema';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import { normaliseRegion } from './tax-jurisdiction.rule';
import type { AvailabilitySnapshot } from '../validation-context';

/** A line ready to route: mapped, substituted and in base units. */
export interface RoutableLine {
  readonly lineId: string;
  readonly index: number;
  readonly sku: string;
  readonly quantity: number;
  /** Discontinued without substitute: a shortage is then ITEM_DISCONTINUED (no stock will come). */
  readonly sellThroughOnly: boolean;
}

export interface LocationAssignment {
  readonly locationId: string;
  readonly locationType: LocationType;
}

export interface RoutingResult {
  readonly assignments: ReadonlyMap<string, LocationAssignment>;
  readonly issues: readonly RuleIssue[];
}

/**
 * Warehouse / 3PL assignment from the per-channel availability snapshot. Candidates are the
 * locations serving the channel account in preference order (a regional override first, to ship
 * closer to the buyer). With ship-complete preferred, the first location able to fill every line
 * wins (one parcel, one pick); otherwise each line goes to the first location with enough sellable
 * quantity left after the order's earlier lines. A line no location can fill is a shortage: HELD
 * until stock arrives (backorder), never booked against stock that is not there.
 */
export function assignFulfilmentLocations(
  lines: readonly RoutableLine[],
  account: ChannelAccountConfig,
  shipTo: PostalAddress,
  fulfilledByChannel: boolean,
  reference: ReferenceCatalog,
  availability: AvailabilitySnapshot,
): RoutingResult {
  if (fulfilledByChannel) return marketplaceFulfilled(lines, account, reference);

  const preference = reference.routingPreference(account.channelAccountId);
  const candidates = preference ? candidateLocations(preference, shipTo) : [];
  const sellable = new Map<string, number>();
  const key = (sku: string, locationId: string) => `${sku}@${locationId}`;
  for (const line of lines) {
    const record = availability.forSku(line.sku, account.channelAccountId);
    for (const loc of record?.locations ?? []) sellable.set(key(line.sku, loc.locationId), loc.sellableQuantity);
  }
  const assignment = (locationId: string): LocationAssignment => ({
    locationId,
    locationType: reference.location(locationId)?.locationType ?? 'WAREHOUSE',
  });

  if (preference?.preferShipComplete && lines.length > 1) {
    const needed = new Map<string, number>();
    for (const line of lines) needed.set(line.sku, (needed.get(line.sku) ?? 0) + line.quantity);
    const complete = candidates.find((loc) => [...needed].every(([sku, qty]) => (sellable.get(key(sku, loc)) ?? 0) >= qty));
    if (complete) return { assignments: new Map(lines.map((l) => [l.lineId, assignment(complete)])), issues: [] };
  }

  const assignments = new Map<string, LocationAssignment>();
  const issues: RuleIssue[] = [];
  for (const line of lines) {
    const chosen = candidates.find((loc) => (sellable.get(key(line.sku, loc)) ?? 0) >= line.quantity);
    if (chosen) {
      sellable.set(key(line.sku, chosen), (sellable.get(key(line.sku, chosen)) ?? 0) - line.quantity);
      assignments.set(line.lineId, assignment(chosen));
      continue;
    }
    const seen = candidates.map((loc) => `${loc}=${sellable.get(key(line.sku, loc)) ?? 0}`).join(', ');
    const where = { field: `lines[${line.index}].quantity`, lineId: line.lineId };
    issues.push(
      line.sellThroughOnly
        ? orderIssue(
            IssueCode.ItemDiscontinued,
            `line ${line.lineId}: ${line.sku} is discontinued, has no substitute and too little stock left (${seen || 'no locations'}) for ${line.quantity}`,
            where,
          )
        : orderIssue(
            IssueCode.NoFulfilmentLocation,
            candidates.length === 0
              ? `line ${line.lineId}: no fulfilment location is configured for ${account.channelAccountId}`
              : `line ${line.lineId}: no location can fill ${line.quantity} × ${line.sku} (sellable: ${seen})`,
            where,
          ),
    );
  }
  return { assignments, issues };
}

function candidateLocations(preference: RoutingPreference, shipTo: PostalAddress): readonly string[] {
  const region = normaliseRegion(shipTo.region, shipTo.countryCode);
  const override = preference.regionOverrides.find((o) => o.countryCode === shipTo.countryCode && region !== null && o.regions.includes(region));
  if (!override) return preference.locations;
  // The override reorders; locations it does not name stay as fallbacks in their usual order.
  return [...override.locations, ...preference.locations.filter((l) => !override.locations.includes(l))];
}

function marketplaceFulfilled(lines: readonly RoutableLine[], account: ChannelAccountConfig, reference: ReferenceCatalog): RoutingResult {
  const locationId = account.marketplaceFulfilmentLocationId;
  if (locationId) {
    const type = reference.location(locationId)?.locationType ?? 'THIRD_PARTY_LOGISTICS';
    return { assignments: new Map(lines.map((l) => [l.lineId, { locationId, locationType: type }])), issues: [] };
  }
  return {
    assignments: new Map(),
    issues: [
      orderIssue(IssueCode.NoFulfilmentLocation, `marketplace-fulfilled order but ${account.channelAccountId} has no marketplace fulfilment location`, {
        field: 'fulfilledByChannel',
      }),
    ],
  };
}
