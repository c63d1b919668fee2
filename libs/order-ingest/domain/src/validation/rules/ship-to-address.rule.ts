import type { PostalAddress } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';

/** Countries without a postal code system; everywhere else carriers and tax engines need one. */
const COUNTRIES_WITHOUT_POSTAL_CODES = new Set(['AE', 'AG', 'AO', 'BS', 'BZ', 'FJ', 'HK', 'JM', 'QA', 'TT']);
const POSTAL_CODE_FORMATS: Readonly<Record<string, RegExp>> = {
  US: /^\d{5}(-\d{4})?$/,
  CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
};

/**
 * A ship-to must be deliverable: either a street address with city and postal code, or a partner
 * location code (EDI store/DC number) that the customer mapping resolves to an ERP ship-to site.
 * Problems are the buyer's data, so only a corrected order fixes them.
 */
export function checkShipToAddress(shipTo: PostalAddress): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const invalid = (field: string, message: string) => issues.push(orderIssue(IssueCode.AddressInvalid, message, { field: `shipTo.${field}` }));

  if (!/^[A-Z]{2}$/.test(shipTo.countryCode)) {
    invalid('countryCode', `ship-to country '${shipTo.countryCode}' is not an ISO 3166-1 alpha-2 code`);
    return issues;
  }
  const byReferenceOnly = shipTo.lines.length === 0 && isPresent(shipTo.locationCode);
  if (byReferenceOnly) return issues;

  if (shipTo.lines.every((line) => !isPresent(line))) invalid('lines', 'ship-to has no street lines and no location code');
  if (!isPresent(shipTo.city)) invalid('city', 'ship-to city is missing');
  if (!COUNTRIES_WITHOUT_POSTAL_CODES.has(shipTo.countryCode)) {
    const format = POSTAL_CODE_FORMATS[shipTo.countryCode];
    if (!isPresent(shipTo.postalCode)) invalid('postalCode', `ship-to postal code is missing (${shipTo.countryCode})`);
    else if (format && !format.test(shipTo.postalCode.trim()))
      invalid('postalCode', `ship-to postal code '${shipTo.postalCode}' is not a valid ${shipTo.countryCode} postal code`);
  }
  return issues;
}

function isPresent(value: string | null): value is string {
  return value !== null && value.trim().length > 0;
}
