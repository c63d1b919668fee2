import { normaliseMethodCode } from './reference-data.parser';
import type {
  ChannelAccountConfig,
  CreditHold,
  CustomerMapping,
  FulfilmentLocation,
  ItemMapping,
  ReferenceData,
  RoutingPreference,
  ShippingMethodMapping,
  SubstitutionRule,
  TaxJurisdiction,
} from './reference-data.schema';

/**
 * Read-only lookups the rules need, indexed once per reference-data revision: order-ingest evaluates
 * thousands of orders a second, so no rule scans a list per order line.
 */
export interface ReferenceCatalog {
  readonly revisions: ReferenceData['revisions'];
  channelAccount(channelAccountId: string): ChannelAccountConfig | undefined;
  customerByAccountRef(channelAccountId: string, b2bAccountRef: string): CustomerMapping | undefined;
  customerByChannelCustomerId(channelAccountId: string, channelCustomerId: string): CustomerMapping | undefined;
  creditHold(erpCustomerNumber: string): CreditHold | undefined;
  taxJurisdictions(countryCode: string): readonly TaxJurisdiction[];
  shippingMethod(channelAccountId: string, channelMethodCode: string): ShippingMethodMapping | undefined;
  itemMapping(channelAccountId: string, channelSku: string): ItemMapping | undefined;
  substitutionRules(fromSku: string): readonly SubstitutionRule[];
  location(locationId: string): FulfilmentLocation | undefined;
  routingPreference(channelAccountId: string): RoutingPreference | undefined;
}

export function indexReferenceData(data: ReferenceData): ReferenceCatalog {
  const byKey = <T>(items: readonly T[], key: (item: T) => string | null): Map<string, T> => {
    const map = new Map<string, T>();
    for (const item of items) {
      const k = key(item);
      if (k !== null) map.set(k, item);
    }
    return map;
  };
  const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };

  const accounts = byKey(data.channelAccounts, (a) => a.channelAccountId);
  const byRef = byKey(data.customerMappings, (m) => (m.b2bAccountRef ? `${m.channelAccountId}\u0000${m.b2bAccountRef}` : null));
  const byCustomer = byKey(data.customerMappings, (m) => (m.channelCustomerId ? `${m.channelAccountId}\u0000${m.channelCustomerId}` : null));
  const holds = byKey(data.creditHolds, (h) => h.erpCustomerNumber);
  const tax = groupBy(data.taxJurisdictions, (t) => t.countryCode);
  const methods = byKey(data.shippingMethods, (m) => `${m.channelAccountId}\u0000${normaliseMethodCode(m.channelMethodCode)}`);
  const items = byKey(data.itemMappings, (m) => `${m.channelAccountId}\u0000${m.channelSku}`);
  const substitutions = groupBy(data.substitutionRules, (r) => r.fromSku);
  const locations = byKey(data.locations, (l) => l.locationId);
  const routing = byKey(data.routingPreferences, (r) => r.channelAccountId);

  return {
    revisions: data.revisions,
    channelAccount: (id) => accounts.get(id),
    customerByAccountRef: (account, ref) => byRef.get(`${account}\u0000${ref}`),
    customerByChannelCustomerId: (account, customer) => byCustomer.get(`${account}\u0000${customer}`),
    creditHold: (erpCustomerNumber) => holds.get(erpCustomerNumber),
    taxJurisdictions: (countryCode) => tax.get(countryCode) ?? [],
    shippingMethod: (account, code) => methods.get(`${account}\u0000${normaliseMethodCode(code)}`),
    itemMapping: (account, channelSku) => items.get(`${account}\u0000${channelSku}`),
    substitutionRules: (fromSku) => substitutions.get(fromSku) ?? [],
    location: (id) => locations.get(id),
    routingPreference: (account) => routing.get(account),
  };
}
