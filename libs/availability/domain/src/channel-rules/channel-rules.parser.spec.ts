import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChannelRulesError, loadChannelRules, parseChannelRules, type ChannelRulesIssue } from './channel-rules.parser';

const referenceYaml = readFileSync(join(__dirname, '../../reference-data/channel-rules.yaml'), 'utf8');

function issuesOf(yaml: string): readonly ChannelRulesIssue[] {
  const result = parseChannelRules(yaml);
  if (result.ok) throw new Error('expected the rules to be rejected');
  return result.issues;
}

const minimal = (channels: string, extra = '') => `
version: 1
locations:
  - { id: DC-RENO, type: WAREHOUSE }
  - { id: 3PL-DALLAS, type: THIRD_PARTY_LOGISTICS }
channels:
${channels}
${extra}`;

describe('parseChannelRules', () => {
  it('loads the reference rules of the two-DC + 3PL distributor', () => {
    const rules = loadChannelRules(referenceYaml);
    expect(rules.version).toBe(3);
    expect(rules.ruleSetVersion).toBe('3');
    expect(rules.knownLocationIds()).toEqual(['DC-RENO', 'DC-ATLANTA', '3PL-DALLAS']);
    expect(rules.location('3PL-DALLAS')?.locationType).toBe('THIRD_PARTY_LOGISTICS');
    expect(rules.channelAccounts().map((c) => [c.channelAccountId, c.channel])).toEqual([
      ['acme-outdoor', 'SHOPIFY'],
      ['amazon-us', 'AMAZON'],
      ['edi-summit-outfitters', 'EDI'],
    ]);
    expect(rules.channelsServing('3PL-DALLAS').map((c) => c.channelAccountId)).toEqual(['acme-outdoor']);
    expect(rules.ringFencesAt('STOVE-CAMP-2B', 'DC-ATLANTA')).toEqual([
      {
        channelAccountId: 'edi-summit-outfitters',
        sku: 'STOVE-CAMP-2B',
        locationId: 'DC-ATLANTA',
        quantity: 120,
      },
    ]);
  });

  it('applies defaults unless a channel sets its own value, and an explicit null switches a default off', () => {
    const rules = loadChannelRules(referenceYaml);
    expect(rules.channel('acme-outdoor')?.reservationTtlHours).toBe(168);
    expect(rules.channel('amazon-us')?.reservationTtlHours).toBe(72);
    expect(rules.channel('edi-summit-outfitters')?.reservationTtlHours).toBeNull();
    expect(rules.channel('amazon-us')?.inbound).toBeNull();
    expect(rules.channel('acme-outdoor')?.inbound).toEqual({
      horizonHours: 72,
      overdueGraceHours: 24,
    });
    expect(rules.channel('edi-summit-outfitters')?.partialReservation).toBe(true);
    expect(rules.channel('amazon-us')?.partialReservation).toBe(false);
  });

  it('resolves per-SKU overrides over the channel rule', () => {
    const rules = loadChannelRules(referenceYaml);
    expect(rules.effectiveRule('amazon-us', 'TENT-ULTRA-2P')?.maxExposure).toBe(20);
    expect(rules.effectiveRule('amazon-us', 'OTHER')?.maxExposure).toBe(250);
    expect(rules.effectiveRule('acme-outdoor', 'JACKET-RAIN-M-BLK-CLR')?.bufferPercent).toBe(0);
    expect(rules.effectiveRule('acme-outdoor', 'OTHER')?.bufferPercent).toBe(5);
    expect(rules.effectiveRule('nobody', 'OTHER')).toBeUndefined();
  });

  it('rejects text that is not YAML', () => {
    expect(issuesOf('version: [1, 2')).toEqual([expect.objectContaining({ code: 'RULES_NOT_YAML' })]);
  });

  it('requires a positive integer version', () => {
    const withoutVersion = minimal('  - { channelAccountId: a, channel: SHOPIFY, locations: [DC-RENO] }').replace('version: 1', '');
    expect(issuesOf(withoutVersion)).toEqual([
      expect.objectContaining({
        code: 'RULES_SCHEMA_VIOLATION',
        path: 'version',
      }),
    ]);
    expect(issuesOf(withoutVersion.replace('locations:', 'version: 1.5\nlocations:'))[0]?.path).toBe('version');
  });

  it('names every schema problem with its path', () => {
    const issues = issuesOf(
      minimal(`
  - { channelAccountId: a, channel: SHOPIFY, locations: [DC-RENO], bufferPercent: 100 }
  - { channelAccountId: b, channel: UNKNOWN, locations: [DC-RENO], maxExposure: -1, colour: red }`),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual(['channels.0.bufferPercent', 'channels.1', 'channels.1.channel', 'channels.1.maxExposure'].sort());
    expect(issues.every((issue) => issue.code === 'RULES_SCHEMA_VIOLATION')).toBe(true);
  });

  it('rejects channels served by undeclared locations and duplicate ids', () => {
    const issues = issuesOf(
      minimal(`
  - { channelAccountId: a, channel: SHOPIFY, locations: [DC-RENO, DC-PHOENIX] }
  - { channelAccountId: a, channel: AMAZON, locations: [DC-RENO] }`).replace(
        '  - { id: 3PL-DALLAS',
        '  - { id: DC-RENO, type: WAREHOUSE }\n  - { id: 3PL-DALLAS',
      ),
    );
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['DUPLICATE_LOCATION', 'locations.1.id'],
      ['UNKNOWN_LOCATION', 'channels.0.locations.1'],
      ['DUPLICATE_CHANNEL_ACCOUNT', 'channels.1.channelAccountId'],
    ]);
  });

  it('rejects ring-fences and overrides that reference nothing, or fence stock the owner cannot sell', () => {
    const issues = issuesOf(
      minimal(
        '  - { channelAccountId: amazon, channel: AMAZON, locations: [DC-RENO] }',
        `
skuOverrides:
  - { channelAccountId: ghost, sku: A, maxExposure: 1 }
  - { channelAccountId: amazon, sku: A, maxExposure: 1 }
  - { channelAccountId: amazon, sku: A, bufferPercent: 3 }
ringFences:
  - { channelAccountId: amazon, sku: A, locationId: 3PL-DALLAS, quantity: 5 }
  - { channelAccountId: amazon, sku: A, locationId: DC-RENO, quantity: 5 }
  - { channelAccountId: amazon, sku: A, locationId: DC-RENO, quantity: 6 }
  - { channelAccountId: amazon, sku: A, locationId: DC-NOWHERE, quantity: 6 }
  - { channelAccountId: ghost, sku: A, locationId: DC-RENO, quantity: 6 }`,
      ),
    );
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['UNKNOWN_CHANNEL_ACCOUNT', 'skuOverrides.0.channelAccountId'],
      ['DUPLICATE_SKU_OVERRIDE', 'skuOverrides.2'],
      ['RING_FENCE_LOCATION_NOT_SERVED', 'ringFences.0.locationId'],
      ['DUPLICATE_RING_FENCE', 'ringFences.2'],
      ['UNKNOWN_LOCATION', 'ringFences.3.locationId'],
      ['UNKNOWN_CHANNEL_ACCOUNT', 'ringFences.4.channelAccountId'],
    ]);
  });

  it('loadChannelRules throws an error that lists every issue', () => {
    expect(() => loadChannelRules('version: 0\nlocations: []\nchannels: []')).toThrow(ChannelRulesError);
    try {
      loadChannelRules('version: 0\nlocations: []\nchannels: []');
    } catch (error) {
      expect((error as ChannelRulesError).issues.map((issue) => issue.path)).toEqual(['version', 'locations', 'channels']);
      expect((error as Error).message).toContain('RULES_SCHEMA_VIOLATION at version');
    }
  });
});
