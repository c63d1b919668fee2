import { z } from 'zod';
import { FulfilmentStatusSymbols, MilestoneSymbols, SalesChannelSymbols, type FulfilmentStatus, type Milestone, type SalesChannel } from '@crossdock/contracts';
import amazonOrdersV0 from './mappings/amazon-orders-v0.json';
import bigcommerceV2 from './mappings/bigcommerce-v2.json';
import shopify202404 from './mappings/shopify-2024-04.json';
import shopify202510 from './mappings/shopify-2025-10.json';
import x12856 from './mappings/x12-856.json';
import channelMappings from './channel-mappings.json';

const milestone = z.enum(MilestoneSymbols);
const statusWords = z.partialRecord(milestone, z.string().min(1));

/** One channel vocabulary version's mapping file (mappings/*.json). */
const mappingSchema = z.object({
  version: z.string().regex(/^[a-z0-9-]+@\d+$/, 'must look like name@revision'),
  channel: z.enum(SalesChannelSymbols),
  vocabulary: z.string().min(1),
  /** Milestones the channel is told about; the others produce no update. */
  tell: z.array(milestone).min(1),
  /** The channel's word per milestone; a told milestone without one takes `fallback`. */
  statuses: statusWords,
  /** Order-level vocabularies: the word when the order stands at a fulfilment status. */
  byOrderStatus: z.partialRecord(milestone, z.partialRecord(z.enum(FulfilmentStatusSymbols), z.string().min(1))).optional(),
  /** The word when the package has no tracking number. */
  withoutTracking: statusWords.optional(),
  fallback: z.string().min(1),
});

export type ChannelStatusMapping = z.infer<typeof mappingSchema>;

const selectionSchema = z.object({
  defaults: z.partialRecord(z.enum(SalesChannelSymbols), z.string().min(1)),
  accounts: z.record(z.string().regex(/^[A-Z_]+\/.+$/, 'must be CHANNEL/channelAccountId'), z.string().min(1)),
});

/** What a package milestone becomes in the channel's vocabulary. */
export interface ChannelStatus {
  readonly channelStatus: string;
  readonly vocabulary: string;
  readonly mappingVersion: string;
  readonly fallbackUsed: boolean;
}

/** The facts a translation depends on besides the milestone. */
export interface TranslationInput {
  readonly milestone: Milestone;
  readonly orderStatus: FulfilmentStatus;
  readonly hasTracking: boolean;
}

/**
 * A milestone in a mapping's vocabulary, or null when the mapping does not tell the channel about
 * it. Precedence: the package has no tracking and the mapping has a word for that; the order's
 * fulfilment status has a word; the milestone's word; else the declared fallback (fallbackUsed).
 */
export function translateMilestone(mapping: ChannelStatusMapping, input: TranslationInput): ChannelStatus | null {
  if (!mapping.tell.includes(input.milestone)) return null;
  const word =
    (!input.hasTracking ? mapping.withoutTracking?.[input.milestone] : undefined) ??
    mapping.byOrderStatus?.[input.milestone]?.[input.orderStatus] ??
    mapping.statuses[input.milestone];
  return { channelStatus: word ?? mapping.fallback, vocabulary: mapping.vocabulary, mappingVersion: mapping.version, fallbackUsed: word === undefined };
}

/** The mapping files as shipped, by file name, and which one each channel account uses. */
export class ChannelStatusMappings {
  constructor(
    private readonly files: ReadonlyMap<string, ChannelStatusMapping>,
    private readonly selection: z.infer<typeof selectionSchema>,
  ) {
    for (const name of [...Object.values(selection.defaults), ...Object.values(selection.accounts)]) {
      if (!files.has(name)) throw new Error(`channel mapping ${name} is selected but has no file`);
    }
  }

  static standard(): ChannelStatusMappings {
    const files = new Map<string, ChannelStatusMapping>(
      Object.entries({
        'shopify-2025-10': shopify202510,
        'shopify-2024-04': shopify202404,
        'amazon-orders-v0': amazonOrdersV0,
        'bigcommerce-v2': bigcommerceV2,
        'x12-856': x12856,
      }).map(([name, file]) => [name, mappingSchema.parse(file)]),
    );
    return new ChannelStatusMappings(files, selectionSchema.parse(channelMappings));
  }

  /** The mapping a channel account uses: its pinned version, else the channel's default; undefined when the channel is not told. */
  forAccount(channel: SalesChannel, channelAccountId: string): ChannelStatusMapping | undefined {
    const name = this.selection.accounts[`${channel}/${channelAccountId}`] ?? this.selection.defaults[channel];
    return name === undefined ? undefined : this.files.get(name);
  }
}
