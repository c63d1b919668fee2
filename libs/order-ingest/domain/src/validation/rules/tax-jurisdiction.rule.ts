import type { TaxDetermination } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue } from '../../issues/order-issue';
import type { ChannelAccountConfig, TaxJurisdiction } from '../../reference-data/reference-data.schema';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import { failed, ok, type RuleOutcome } from '../validation-context';

/** The address tax is determined for: the order's ship-to, or the ERP ship-to site it refers to. */
export interface TaxAddress {
  readonly countryCode: string;
  readonly region: string | null;
  readonly postalCode: string | null;
  /** Which ChannelOrder field the address came from, for the issue. */
  readonly field: string;
}

/**
 * Jurisdiction = most specific table entry for the ship-to: longest matching postal prefix, then a
 * matching region, then a country-wide entry. A miss is a gap in our table (HELD), not the buyer's
 * fault: invalid addresses are caught by the ship-to rule.
 */
export function resolveTaxJurisdiction(
  address: TaxAddress,
  exemptionCertificateId: string | null,
  account: ChannelAccountConfig,
  reference: ReferenceCatalog,
): RuleOutcome<TaxDetermination> {
  const region = normaliseRegion(address.region, address.countryCode);
  const postal = address.postalCode?.replace(/\s+/g, '').toUpperCase() ?? null;
  let best: { entry: TaxJurisdiction; score: number } | null = null;
  for (const entry of reference.taxJurisdictions(address.countryCode)) {
    const score = matchScore(entry, region, postal);
    if (score !== null && (best === null || score > best.score)) best = { entry, score };
  }
  if (!best) {
    return failed(
      orderIssue(IssueCode.TaxJurisdictionUnresolved, `no tax jurisdiction for ${address.countryCode}/${region ?? '-'}/${postal ?? '-'}`, {
        field: address.field,
      }),
    );
  }
  return ok({
    jurisdictionCode: best.entry.jurisdictionCode,
    countryCode: best.entry.countryCode,
    region: best.entry.region ? `${best.entry.countryCode}-${best.entry.region}` : null,
    taxExempt: exemptionCertificateId !== null && exemptionCertificateId.trim() !== '',
    marketplaceFacilitator: account.marketplaceFacilitator,
  });
}

function matchScore(entry: TaxJurisdiction, region: string | null, postal: string | null): number | null {
  if (entry.region !== null && entry.region !== region) return null;
  let prefixLength = 0;
  if (entry.postalPrefixes.length > 0) {
    const matching = entry.postalPrefixes.filter((p) => postal?.startsWith(p.toUpperCase()));
    if (matching.length === 0) return null;
    prefixLength = Math.max(...matching.map((p) => p.length));
  }
  return prefixLength * 10 + (entry.region !== null ? 1 : 0);
}

/** Channels send 'US-OR' (ISO 3166-2) or 'OR'; the table stores the subdivision part. */
export function normaliseRegion(region: string | null, countryCode: string): string | null {
  if (region === null || region.trim() === '') return null;
  const upper = region.trim().toUpperCase();
  return upper.startsWith(`${countryCode}-`) ? upper.slice(countryCode.length + 1) : upper;
}
