import type { ChannelRule, ChannelRulesDocument, EffectiveChannelRule, LocationRule, RingFence, SkuOverride } from './channel-rules.types';

const NO_FENCES: readonly RingFence[] = [];
const NO_CHANNELS: readonly ChannelRule[] = [];

/**
 * Validated rules with the lookups the hot paths need. Built only by the parser (or a test), so
 * cross-references (channel → location, fence → channel) are known to resolve.
 */
export class ChannelRuleSet {
  readonly version: number;
  /** ChannelAvailability.ruleSetVersion is a string so a future scheme (dates, hashes) fits. */
  readonly ruleSetVersion: string;
  readonly document: ChannelRulesDocument;
  private readonly locations = new Map<string, LocationRule>();
  private readonly channels = new Map<string, ChannelRule>();
  private readonly overrides = new Map<string, SkuOverride>();
  private readonly fences = new Map<string, RingFence[]>();
  private readonly servingChannels = new Map<string, ChannelRule[]>();

  constructor(document: ChannelRulesDocument) {
    this.document = document;
    this.version = document.version;
    this.ruleSetVersion = String(document.version);
    for (const location of document.locations) this.locations.set(location.locationId, location);
    for (const channel of document.channels) {
      this.channels.set(channel.channelAccountId, channel);
      for (const locationId of channel.locationIds) {
        const serving = this.servingChannels.get(locationId) ?? [];
        serving.push(channel);
        this.servingChannels.set(locationId, serving);
      }
    }
    for (const override of document.skuOverrides) {
      this.overrides.set(pairKey(override.channelAccountId, override.sku), override);
    }
    for (const fence of document.ringFences) {
      const key = pairKey(fence.sku, fence.locationId);
      const atLocation = this.fences.get(key) ?? [];
      atLocation.push(fence);
      this.fences.set(key, atLocation);
    }
  }

  location(locationId: string): LocationRule | undefined {
    return this.locations.get(locationId);
  }

  isKnownLocation(locationId: string): boolean {
    return this.locations.has(locationId);
  }

  knownLocationIds(): readonly string[] {
    return [...this.locations.keys()];
  }

  channel(channelAccountId: string): ChannelRule | undefined {
    return this.channels.get(channelAccountId);
  }

  channelAccounts(): readonly ChannelRule[] {
    return this.document.channels;
  }

  /** Channel accounts whose figures change when stock at this location changes. */
  channelsServing(locationId: string): readonly ChannelRule[] {
    return this.servingChannels.get(locationId) ?? NO_CHANNELS;
  }

  serves(channelAccountId: string, locationId: string): boolean {
    return this.channels.get(channelAccountId)?.locationIds.includes(locationId) ?? false;
  }

  /** The channel's rules for one SKU with per-SKU overrides applied; undefined for an unknown account. */
  effectiveRule(channelAccountId: string, sku: string): EffectiveChannelRule | undefined {
    const channel = this.channels.get(channelAccountId);
    if (!channel) return undefined;
    const override = this.overrides.get(pairKey(channelAccountId, sku));
    return {
      ...channel,
      sku,
      bufferPercent: override?.bufferPercent ?? channel.bufferPercent,
      maxExposure: override?.maxExposure ?? channel.maxExposure,
    };
  }

  ringFencesAt(sku: string, locationId: string): readonly RingFence[] {
    return this.fences.get(pairKey(sku, locationId)) ?? NO_FENCES;
  }
}

// NUL cannot appear in a YAML-authored id, so joined keys cannot collide.
function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}
