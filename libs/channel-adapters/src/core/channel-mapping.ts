import { PaymentMethodSymbols, SalesChannelSymbols, ServiceLevelSymbols, type PaymentMethod, type SalesChannel, type ServiceLevel } from '@crossdock/contracts';
import { z } from 'zod';

/**
 * Per channel account configuration an adapter needs to map documents: which account a delivery
 * belongs to, and how channel vocabulary maps onto canonical enums. Lives in a JSON file per
 * account (`libs/channel-adapters/mappings/<channelAccountId>.json`); secrets never do (the gateway
 * injects them from its secret store).
 *
 * Carrier/ERP translations (carrier service, ERP customer, item) are NOT here: they belong to
 * order-ingest's reference data. This only normalises what the canonical contract asks adapters
 * to fill in (serviceLevel, payment method).
 */
export interface ChannelAccountMapping {
  readonly channelAccountId: string;
  readonly channel: SalesChannel;
  /** Adapter that reads this account's documents (`ChannelAdapter.sourceFormat`). */
  readonly sourceFormat: string;
  /**
   * How deliveries identify the account: Shopify shop domain, Amazon seller id, EDI interchange
   * sender `ISA05:ISA06` (trimmed). A delivery naming none of these is rejected ACCOUNT_UNKNOWN.
   */
  readonly partnerIds: readonly string[];
  /** Currency when the document does not state one (EDI without CUR). */
  readonly defaultCurrency: string | null;
  /** Whether channel prices include tax (EU/UK/AU storefronts); Shopify states it per order. */
  readonly pricesIncludeTax: boolean;
  /** Channel shipping code (matched ignoring case and repeated spaces) → normalised service level. */
  readonly serviceLevels: Readonly<Record<string, ServiceLevel>>;
  /** Channel payment gateway/method name (same matching) → payment method category. */
  readonly paymentMethods: Readonly<Record<string, PaymentMethod>>;
  /** Adapter-specific settings, documented by each adapter (e.g. `skuQualifier` for X12). */
  readonly options: Readonly<Record<string, string>>;
}

const writerEnum = <T extends string>(symbols: readonly T[]) => z.enum(symbols.filter((s) => s !== 'UNKNOWN') as [T, ...T[]]);

const schema = z
  .object({
    channelAccountId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    channel: writerEnum(SalesChannelSymbols),
    sourceFormat: z.string().min(1),
    partnerIds: z.array(z.string().min(1)).min(1),
    defaultCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .nullable()
      .default(null),
    pricesIncludeTax: z.boolean().default(false),
    serviceLevels: z.record(z.string(), z.enum(ServiceLevelSymbols as unknown as [ServiceLevel, ...ServiceLevel[]])).default({}),
    paymentMethods: z.record(z.string(), writerEnum(PaymentMethodSymbols)).default({}),
    options: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/** Validates a mapping file's parsed JSON; throws with every problem listed. */
export function parseChannelMapping(json: unknown): ChannelAccountMapping {
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`invalid channel mapping: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Channel codes are compared ignoring case and repeated/edge whitespace, like order-ingest's reference data. */
export function normaliseCode(code: string): string {
  return code.trim().replace(/\s+/g, ' ').toLowerCase();
}

function lookup<T>(table: Readonly<Record<string, T>>, code: string | null): T | undefined {
  if (code === null) return undefined;
  const wanted = normaliseCode(code);
  for (const [key, value] of Object.entries(table)) if (normaliseCode(key) === wanted) return value;
  return undefined;
}

/** Service level for a channel shipping code; UNKNOWN when unmapped (the contract's documented fallback). */
export function serviceLevelFor(mapping: ChannelAccountMapping, ...codes: (string | null)[]): ServiceLevel {
  for (const code of codes) {
    const level = lookup(mapping.serviceLevels, code);
    if (level) return level;
  }
  return 'UNKNOWN';
}

export function paymentMethodFor(mapping: ChannelAccountMapping, code: string | null, fallback: PaymentMethod): PaymentMethod {
  return lookup(mapping.paymentMethods, code) ?? fallback;
}

/** True when `partnerId` identifies this account (exact, case-insensitive). */
export function mappingMatches(mapping: ChannelAccountMapping, partnerId: string | null): boolean {
  if (partnerId === null) return false;
  const wanted = partnerId.trim().toLowerCase();
  return mapping.partnerIds.some((id) => id.trim().toLowerCase() === wanted);
}

/** The mapping a delivery belongs to, among the gateway's loaded mappings, or null. */
export function findMapping(mappings: readonly ChannelAccountMapping[], channel: SalesChannel, partnerId: string | null): ChannelAccountMapping | null {
  return mappings.find((m) => m.channel === channel && mappingMatches(m, partnerId)) ?? null;
}
