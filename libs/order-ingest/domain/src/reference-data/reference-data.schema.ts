import { LocationTypeSymbols, SalesChannelSymbols } from '@crossdock/contracts';
import { z } from 'zod';

/**
 * Reference data order-ingest validates and enriches orders with. It lives in versioned YAML files in
 * the repo (reviewed like code), is loaded into order-ingest's database, and is the thing operators
 * change to release HELD orders. Each file has one `kind`; together they form one `ReferenceData`.
 */

/** File-format version this code reads. A change that old files cannot satisfy bumps it. */
export const REFERENCE_DATA_FORMAT_VERSION = 1;

const id = z.string().trim().min(1);
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, upper case');
const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 alphabetic code, upper case');
// Enum values come from the generated contracts; UNKNOWN is the readers' fallback, never configured.
const salesChannel = z.enum(knownSymbols(SalesChannelSymbols));
const locationType = z.enum(knownSymbols(LocationTypeSymbols));
const isoDate = z.iso.date();

const header = {
  /** File format version; see REFERENCE_DATA_FORMAT_VERSION. */
  version: z.literal(REFERENCE_DATA_FORMAT_VERSION),
  /** Data revision (e.g. `2026-11-20.1`), recorded with every order evaluated against it, for audit. */
  revision: id,
};

export const channelAccountSchema = z.object({
  channelAccountId: id,
  channel: salesChannel,
  /** B2C: consumers booked on a shared web account; B2B: every buyer needs its own ERP account. */
  salesModel: z.enum(['B2C', 'B2B', 'MIXED']),
  currency: currencyCode,
  /** Shared ERP account consumer orders are booked on (B2C and MIXED without a trade reference). */
  defaultErpCustomerNumber: id.nullable().default(null),
  /** The marketplace collects and remits sales tax, so the ERP must not charge it again. */
  marketplaceFacilitator: z.boolean().default(false),
  /** Sandbox accounts may book test orders into a test ERP; production accounts reject them. */
  acceptTestOrders: z.boolean().default(false),
  /** Where marketplace-fulfilled (FBA/WFS) orders are recorded as shipping from. */
  marketplaceFulfilmentLocationId: id.nullable().default(null),
});

const shipToSiteSchema = z.object({
  /** Partner location code (EDI N1*ST store or DC number). */
  locationCode: id,
  erpShipToId: id,
  countryCode,
  region: z.string().nullable().default(null),
  postalCode: z.string().nullable().default(null),
  city: z.string().nullable().default(null),
});

export const customerMappingSchema = z
  .object({
    /** Rule id, stored on the accepted order (`ResolvedAccount.mappingRule`) for audit. */
    id,
    channelAccountId: id,
    /** Trade reference the channel sends (portal account number, EDI partner id); preferred key. */
    b2bAccountRef: id.nullable().default(null),
    /** Channel customer id, for known customers without a trade reference. */
    channelCustomerId: id.nullable().default(null),
    erpCustomerNumber: id,
    erpBillToId: id.nullable().default(null),
    paymentTerms: id.nullable().default(null),
    shipToSites: z.array(shipToSiteSchema).default([]),
  })
  .refine((m) => m.b2bAccountRef !== null || m.channelCustomerId !== null, {
    message: 'a customer mapping needs b2bAccountRef or channelCustomerId',
  });

export const creditHoldSchema = z.object({
  erpCustomerNumber: id,
  reason: id,
  since: isoDate,
});

export const taxJurisdictionSchema = z.object({
  /** Tax-engine jurisdiction code (Avalara/Vertex geocode, EU country code). */
  jurisdictionCode: id,
  countryCode,
  /** Subdivision without the country prefix (`OR`, not `US-OR`); null matches any. */
  region: z
    .string()
    .regex(/^[A-Z0-9]{1,3}$/)
    .nullable()
    .default(null),
  /** Postal-code prefixes this entry covers; empty matches any. The longest matching prefix wins. */
  postalPrefixes: z.array(z.string().min(1)).default([]),
});

export const shippingMethodMappingSchema = z.object({
  channelAccountId: id,
  /** Channel method code as it arrives (compared case- and whitespace-insensitively). */
  channelMethodCode: id,
  carrierCode: id,
  serviceCode: id,
});

export const itemMappingSchema = z.object({
  channelAccountId: id,
  channelSku: id,
  /** Hub SKU (ERP item number). */
  sku: id,
});

export const substitutionRuleSchema = z.object({
  id,
  fromSku: id,
  toSku: id,
  reasonCode: z.enum(['DISCONTINUED', 'SUPERSEDED', 'CUSTOMER_AGREEMENT']),
  /** Channel accounts the rule applies to; empty applies to all (e.g. a supersession). */
  channelAccountIds: z.array(id).default([]),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
});

export const locationSchema = z.object({
  locationId: id,
  locationType,
  name: id,
});

export const routingPreferenceSchema = z.object({
  channelAccountId: id,
  /** Locations serving the channel account, most preferred first. */
  locations: z.array(id).min(1),
  /** Regional overrides (ship closer to the buyer); the first override whose regions contain the ship-to wins. */
  regionOverrides: z.array(z.object({ countryCode, regions: z.array(z.string().min(1)).min(1), locations: z.array(id).min(1) })).default([]),
  /** Prefer one location that can ship the whole order over the per-line preference (fewer split parcels). */
  preferShipComplete: z.boolean().default(true),
});

export const referenceDataFileSchema = z.discriminatedUnion('kind', [
  z.object({ ...header, kind: z.literal('channel-accounts'), channelAccounts: z.array(channelAccountSchema) }),
  z.object({
    ...header,
    kind: z.literal('customers'),
    customerMappings: z.array(customerMappingSchema),
    creditHolds: z.array(creditHoldSchema).default([]),
  }),
  z.object({ ...header, kind: z.literal('tax-jurisdictions'), taxJurisdictions: z.array(taxJurisdictionSchema) }),
  z.object({ ...header, kind: z.literal('shipping-methods'), shippingMethods: z.array(shippingMethodMappingSchema) }),
  z.object({
    ...header,
    kind: z.literal('items'),
    itemMappings: z.array(itemMappingSchema),
    substitutionRules: z.array(substitutionRuleSchema).default([]),
  }),
  z.object({
    ...header,
    kind: z.literal('routing'),
    locations: z.array(locationSchema),
    routingPreferences: z.array(routingPreferenceSchema),
  }),
]);

export type ChannelAccountConfig = z.infer<typeof channelAccountSchema>;
export type CustomerMapping = z.infer<typeof customerMappingSchema>;
export type ShipToSite = CustomerMapping['shipToSites'][number];
export type CreditHold = z.infer<typeof creditHoldSchema>;
export type TaxJurisdiction = z.infer<typeof taxJurisdictionSchema>;
export type ShippingMethodMapping = z.infer<typeof shippingMethodMappingSchema>;
export type ItemMapping = z.infer<typeof itemMappingSchema>;
export type SubstitutionRule = z.infer<typeof substitutionRuleSchema>;
export type FulfilmentLocation = z.infer<typeof locationSchema>;
export type RoutingPreference = z.infer<typeof routingPreferenceSchema>;
export type ReferenceDataFile = z.infer<typeof referenceDataFileSchema>;
export type ReferenceDataKind = ReferenceDataFile['kind'];

/** All reference data, merged from one file of each kind. */
export interface ReferenceData {
  /** Revision per kind, e.g. `{ items: '2026-11-20.1' }`. */
  readonly revisions: Readonly<Partial<Record<ReferenceDataKind, string>>>;
  readonly channelAccounts: readonly ChannelAccountConfig[];
  readonly customerMappings: readonly CustomerMapping[];
  readonly creditHolds: readonly CreditHold[];
  readonly taxJurisdictions: readonly TaxJurisdiction[];
  readonly shippingMethods: readonly ShippingMethodMapping[];
  readonly itemMappings: readonly ItemMapping[];
  readonly substitutionRules: readonly SubstitutionRule[];
  readonly locations: readonly FulfilmentLocation[];
  readonly routingPreferences: readonly RoutingPreference[];
}

function knownSymbols<T extends string>(symbols: readonly T[]): [Exclude<T, 'UNKNOWN'>, ...Exclude<T, 'UNKNOWN'>[]] {
  const known = symbols.filter((symbol): symbol is Exclude<T, 'UNKNOWN'> => symbol !== 'UNKNOWN');
  const [first, ...rest] = known;
  if (first === undefined) throw new Error('an enum needs at least one symbol besides UNKNOWN');
  return [first, ...rest];
}
