import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { type ReferenceData, type ReferenceDataFile, type ReferenceDataKind, referenceDataFileSchema } from './reference-data.schema';

/** Reference data that cannot be loaded; lists every problem so one edit fixes the file. */
export class ReferenceDataError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid reference data in ${source}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ReferenceDataError';
  }
}

/** Parses and validates one YAML file; `source` names it in errors. */
export function parseReferenceDataFile(text: string, source: string): ReferenceDataFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new ReferenceDataError(source, [`not valid YAML: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const result = referenceDataFileSchema.safeParse(raw);
  if (!result.success) throw new ReferenceDataError(source, formatZodIssues(result.error));
  return result.data;
}

/**
 * Merges one file per kind and checks what a schema cannot: duplicate keys (two mappings for one
 * channel SKU would make routing depend on file order) and references to unknown channel accounts or
 * locations (a typo would silently hold every order of the account).
 */
export function mergeReferenceData(files: readonly ReferenceDataFile[]): ReferenceData {
  const seen = new Map<ReferenceDataKind, number>();
  for (const file of files) seen.set(file.kind, (seen.get(file.kind) ?? 0) + 1);
  const problems = [...seen].filter(([, n]) => n > 1).map(([kind]) => `more than one '${kind}' file`);

  const pick = <K extends ReferenceDataKind>(kind: K) => files.find((f): f is Extract<ReferenceDataFile, { kind: K }> => f.kind === kind);
  const accounts = pick('channel-accounts');
  const customers = pick('customers');
  const tax = pick('tax-jurisdictions');
  const shipping = pick('shipping-methods');
  const items = pick('items');
  const routing = pick('routing');

  const data: ReferenceData = {
    revisions: Object.fromEntries(files.map((f) => [f.kind, f.revision])),
    channelAccounts: accounts?.channelAccounts ?? [],
    customerMappings: customers?.customerMappings ?? [],
    creditHolds: customers?.creditHolds ?? [],
    taxJurisdictions: tax?.taxJurisdictions ?? [],
    shippingMethods: shipping?.shippingMethods ?? [],
    itemMappings: items?.itemMappings ?? [],
    substitutionRules: items?.substitutionRules ?? [],
    locations: routing?.locations ?? [],
    routingPreferences: routing?.routingPreferences ?? [],
  };
  problems.push(...crossReferenceProblems(data));
  if (problems.length > 0) throw new ReferenceDataError('reference data set', problems);
  return data;
}

function crossReferenceProblems(data: ReferenceData): string[] {
  const problems: string[] = [];
  const accountIds = new Set(data.channelAccounts.map((a) => a.channelAccountId));
  const locationIds = new Set(data.locations.map((l) => l.locationId));
  const knownAccount = (where: string, accountId: string) => {
    if (!accountIds.has(accountId)) problems.push(`${where}: unknown channel account '${accountId}'`);
  };
  const knownLocation = (where: string, locationId: string) => {
    if (!locationIds.has(locationId)) problems.push(`${where}: unknown location '${locationId}'`);
  };
  const unique = (what: string, keys: readonly string[]) => {
    const counted = new Set<string>();
    for (const key of keys) {
      if (counted.has(key)) problems.push(`duplicate ${what} '${key}'`);
      counted.add(key);
    }
  };

  unique(
    'channel account',
    data.channelAccounts.map((a) => a.channelAccountId),
  );
  unique(
    'location',
    data.locations.map((l) => l.locationId),
  );
  unique(
    'customer mapping id',
    data.customerMappings.map((m) => m.id),
  );
  unique(
    'substitution rule id',
    data.substitutionRules.map((r) => r.id),
  );
  unique(
    'item mapping',
    data.itemMappings.map((m) => `${m.channelAccountId}/${m.channelSku}`),
  );
  unique(
    'routing preference',
    data.routingPreferences.map((r) => r.channelAccountId),
  );
  unique(
    'shipping method mapping',
    data.shippingMethods.map((m) => `${m.channelAccountId}/${normaliseMethodCode(m.channelMethodCode)}`),
  );
  unique(
    'customer key',
    data.customerMappings.flatMap((m) => [
      ...(m.b2bAccountRef ? [`${m.channelAccountId}/ref:${m.b2bAccountRef}`] : []),
      ...(m.channelCustomerId ? [`${m.channelAccountId}/customer:${m.channelCustomerId}`] : []),
    ]),
  );

  data.customerMappings.forEach((m) => knownAccount(`customer mapping ${m.id}`, m.channelAccountId));
  data.shippingMethods.forEach((m) => knownAccount(`shipping method '${m.channelMethodCode}'`, m.channelAccountId));
  data.itemMappings.forEach((m) => knownAccount(`item mapping '${m.channelSku}'`, m.channelAccountId));
  data.substitutionRules.forEach((r) => r.channelAccountIds.forEach((a) => knownAccount(`substitution ${r.id}`, a)));
  data.routingPreferences.forEach((r) => {
    knownAccount(`routing for ${r.channelAccountId}`, r.channelAccountId);
    [...r.locations, ...r.regionOverrides.flatMap((o) => o.locations)].forEach((l) => knownLocation(`routing for ${r.channelAccountId}`, l));
  });
  data.channelAccounts.forEach((a) => {
    if (a.marketplaceFulfilmentLocationId) knownLocation(`channel account ${a.channelAccountId}`, a.marketplaceFulfilmentLocationId);
  });
  data.substitutionRules.forEach((r) => {
    if (r.fromSku === r.toSku) problems.push(`substitution ${r.id}: substitutes ${r.fromSku} with itself`);
  });
  return problems;
}

/** Channel method codes arrive with inconsistent case and spacing ("Standard  shipping"). */
export function normaliseMethodCode(code: string): string {
  return code.trim().replace(/\s+/g, ' ').toUpperCase();
}

function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
