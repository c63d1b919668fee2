import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import { ChannelRuleSet } from './channel-rule-set.model';
import { channelRulesFileSchema, type ChannelRulesFile } from './channel-rules.schema';
import type { ChannelRule, ChannelRulesDocument, InboundRule, LocationRule } from './channel-rules.types';

/** Stable codes so a rejected rules file reads the same in CI output, logs and the admin API. */
export type ChannelRulesIssueCode =
  | 'RULES_NOT_YAML'
  | 'RULES_SCHEMA_VIOLATION'
  | 'DUPLICATE_LOCATION'
  | 'DUPLICATE_CHANNEL_ACCOUNT'
  | 'UNKNOWN_LOCATION'
  | 'UNKNOWN_CHANNEL_ACCOUNT'
  | 'DUPLICATE_SKU_OVERRIDE'
  | 'DUPLICATE_RING_FENCE'
  | 'RING_FENCE_LOCATION_NOT_SERVED';

export interface ChannelRulesIssue {
  readonly code: ChannelRulesIssueCode;
  /** Dotted path into the file, e.g. `channels.1.locations.0`. */
  readonly path: string;
  readonly message: string;
}

export type ChannelRulesParseResult =
  { readonly ok: true; readonly rules: ChannelRuleSet } | { readonly ok: false; readonly issues: readonly ChannelRulesIssue[] };

export class ChannelRulesError extends Error {
  constructor(readonly issues: readonly ChannelRulesIssue[]) {
    super(`Invalid channel rules:\n${issues.map((i) => `  ${i.code} at ${i.path || '(root)'}: ${i.message}`).join('\n')}`);
    this.name = 'ChannelRulesError';
  }
}

/** Parses and validates a channel rules YAML file; reports every problem at once. */
export function parseChannelRules(yamlText: string): ChannelRulesParseResult {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (error) {
    return {
      ok: false,
      issues: [{ code: 'RULES_NOT_YAML', path: '', message: (error as Error).message }],
    };
  }
  const parsed = channelRulesFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  const document = toDocument(parsed.data);
  const issues = crossReferenceIssues(document);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules: new ChannelRuleSet(document) };
}

/** For start-up and tests: the rules or a ChannelRulesError naming every problem. */
export function loadChannelRules(yamlText: string): ChannelRuleSet {
  const result = parseChannelRules(yamlText);
  if (!result.ok) throw new ChannelRulesError(result.issues);
  return result.rules;
}

function schemaIssues(error: ZodError): ChannelRulesIssue[] {
  return error.issues.map((issue) => ({
    code: 'RULES_SCHEMA_VIOLATION',
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

function toDocument(file: ChannelRulesFile): ChannelRulesDocument {
  const defaults = file.defaults ?? {};
  const locations: LocationRule[] = file.locations.map((location) => ({
    locationId: location.id,
    locationType: location.type as LocationRule['locationType'],
    name: location.name ?? null,
  }));
  const channels: ChannelRule[] = file.channels.map((channel) => ({
    channelAccountId: channel.channelAccountId,
    channel: channel.channel as ChannelRule['channel'],
    locationIds: channel.locations,
    bufferPercent: channel.bufferPercent ?? defaults.bufferPercent ?? 0,
    maxExposure: pick(channel.maxExposure, defaults.maxExposure),
    inbound: pick<InboundRule>(channel.inbound, defaults.inbound),
    reservationTtlHours: pick(channel.reservationTtlHours, defaults.reservationTtlHours),
    partialReservation: channel.partialReservation ?? defaults.partialReservation ?? false,
  }));
  return {
    version: file.version,
    locations,
    channels,
    skuOverrides: file.skuOverrides.map((override) => ({
      channelAccountId: override.channelAccountId,
      sku: override.sku,
      bufferPercent: override.bufferPercent ?? null,
      maxExposure: override.maxExposure ?? null,
    })),
    ringFences: file.ringFences,
  };
}

// An explicit `null` on a channel switches a default off, so only `undefined` falls through.
function pick<T>(own: T | null | undefined, fallback: T | null | undefined): T | null {
  return own !== undefined ? own : (fallback ?? null);
}

function crossReferenceIssues(document: ChannelRulesDocument): ChannelRulesIssue[] {
  const issues: ChannelRulesIssue[] = [];
  const locations = new Set<string>();
  document.locations.forEach((location, index) => {
    if (locations.has(location.locationId)) {
      issues.push({
        code: 'DUPLICATE_LOCATION',
        path: `locations.${index}.id`,
        message: `location ${location.locationId} is listed twice`,
      });
    }
    locations.add(location.locationId);
  });

  const channels = new Map<string, ChannelRule>();
  document.channels.forEach((channel, index) => {
    if (channels.has(channel.channelAccountId)) {
      issues.push({
        code: 'DUPLICATE_CHANNEL_ACCOUNT',
        path: `channels.${index}.channelAccountId`,
        message: `channel account ${channel.channelAccountId} is listed twice`,
      });
    }
    channels.set(channel.channelAccountId, channel);
    channel.locationIds.forEach((locationId, locationIndex) => {
      if (!locations.has(locationId)) {
        issues.push({
          code: 'UNKNOWN_LOCATION',
          path: `channels.${index}.locations.${locationIndex}`,
          message: `channel account ${channel.channelAccountId} is served by undeclared location ${locationId}`,
        });
      }
    });
  });

  const overrides = new Set<string>();
  document.skuOverrides.forEach((override, index) => {
    const path = `skuOverrides.${index}`;
    if (!channels.has(override.channelAccountId)) {
      issues.push({
        code: 'UNKNOWN_CHANNEL_ACCOUNT',
        path: `${path}.channelAccountId`,
        message: `no channel account ${override.channelAccountId}`,
      });
    }
    const key = `${override.channelAccountId}\u0000${override.sku}`;
    if (overrides.has(key)) {
      issues.push({
        code: 'DUPLICATE_SKU_OVERRIDE',
        path,
        message: `${override.sku} on ${override.channelAccountId} is overridden twice`,
      });
    }
    overrides.add(key);
  });

  const fences = new Set<string>();
  document.ringFences.forEach((fence, index) => {
    const path = `ringFences.${index}`;
    const owner = channels.get(fence.channelAccountId);
    if (!owner) {
      issues.push({
        code: 'UNKNOWN_CHANNEL_ACCOUNT',
        path: `${path}.channelAccountId`,
        message: `no channel account ${fence.channelAccountId}`,
      });
    } else if (!locations.has(fence.locationId)) {
      issues.push({
        code: 'UNKNOWN_LOCATION',
        path: `${path}.locationId`,
        message: `undeclared location ${fence.locationId}`,
      });
    } else if (!owner.locationIds.includes(fence.locationId)) {
      // A fence at a location its owner cannot sell from would hide stock from everyone.
      issues.push({
        code: 'RING_FENCE_LOCATION_NOT_SERVED',
        path: `${path}.locationId`,
        message: `${fence.locationId} does not serve ${fence.channelAccountId}, so the fenced units would be sold by nobody`,
      });
    }
    const key = `${fence.channelAccountId}\u0000${fence.sku}\u0000${fence.locationId}`;
    if (fences.has(key)) {
      issues.push({
        code: 'DUPLICATE_RING_FENCE',
        path,
        message: `${fence.sku}@${fence.locationId} is fenced twice for ${fence.channelAccountId}`,
      });
    }
    fences.add(key);
  });
  return issues;
}
