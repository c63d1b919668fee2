import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '@crossdock/config';
import { parseChannelMapping, type ChannelAccountMapping } from '@crossdock/channel-adapters';

/** The source formats this gateway has an adapter and a front (HTTP, poller, drop folder) for. */
export const SourceFormat = { shopify: 'shopify-webhook', amazon: 'amazon-sp-api-orders', x12: 'x12-850' } as const;
const SUPPORTED = new Set<string>(Object.values(SourceFormat));

/** The channel accounts this gateway serves, validated at start-up, with their secrets. */
export class ChannelAccounts {
  constructor(
    readonly all: readonly ChannelAccountMapping[],
    private readonly secrets: ReadonlyMap<string, string>,
  ) {}

  byId(channelAccountId: string): ChannelAccountMapping | null {
    return this.all.find((m) => m.channelAccountId === channelAccountId) ?? null;
  }

  withFormat(sourceFormat: string): ChannelAccountMapping[] {
    return this.all.filter((m) => m.sourceFormat === sourceFormat);
  }

  /** The Shopify webhook signing secret of an account; null for unknown accounts. */
  webhookSecret(channelAccountId: string): string | null {
    return this.secrets.get(channelAccountId) ?? null;
  }
}

/** `acme-outdoor` → `SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR`: one secret-store entry per shop. */
export function webhookSecretVariable(channelAccountId: string): string {
  return `SHOPIFY_WEBHOOK_SECRET_${channelAccountId.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/**
 * Reads and validates every mapping file once; fails start-up with every problem listed (bad file,
 * a listed account without a file, an unsupported source format, two accounts claiming one partner
 * id, an Amazon account without its marketplace, a Shopify account without its secret).
 */
export function loadChannelAccounts(
  config: { CHANNEL_MAPPINGS_DIR: string; CHANNEL_ACCOUNTS: readonly string[] },
  env: Record<string, string | undefined>,
): ChannelAccounts {
  const dir = resolve(config.CHANNEL_MAPPINGS_DIR);
  if (!existsSync(dir)) throw new ConfigError([`CHANNEL_MAPPINGS_DIR: folder ${dir} does not exist`]);
  const problems: string[] = [];
  const mappings: ChannelAccountMapping[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const id = file.slice(0, -'.json'.length);
    if (config.CHANNEL_ACCOUNTS.length > 0 && !config.CHANNEL_ACCOUNTS.includes(id)) continue;
    try {
      const mapping = parseChannelMapping(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (mapping.channelAccountId !== id) problems.push(`${file}: channelAccountId '${mapping.channelAccountId}' does not match the file name`);
      else if (!SUPPORTED.has(mapping.sourceFormat)) problems.push(`${file}: no adapter for sourceFormat '${mapping.sourceFormat}'`);
      else mappings.push(mapping);
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const id of config.CHANNEL_ACCOUNTS) {
    if (!existsSync(join(dir, `${id}.json`))) problems.push(`CHANNEL_ACCOUNTS: no mapping file ${id}.json in ${dir}`);
  }
  const claimed = new Map<string, string>();
  for (const m of mappings) {
    for (const partnerId of m.partnerIds) {
      const key = `${m.channel}|${partnerId.trim().toLowerCase()}`;
      const other = claimed.get(key);
      if (other) problems.push(`${m.channelAccountId}: partner id '${partnerId}' is also claimed by ${other}`);
      claimed.set(key, m.channelAccountId);
    }
  }
  for (const m of mappings.filter((x) => x.sourceFormat === SourceFormat.amazon)) {
    if (!m.options['marketplaceId']?.trim()) problems.push(`${m.channelAccountId}.json: options.marketplaceId is required for SP-API polling`);
  }
  const secrets = new Map<string, string>();
  for (const m of mappings.filter((x) => x.sourceFormat === SourceFormat.shopify)) {
    const variable = webhookSecretVariable(m.channelAccountId);
    const secret = env[variable]?.trim();
    if (secret) secrets.set(m.channelAccountId, secret);
    else problems.push(`${variable}: missing (webhook signing secret of Shopify account ${m.channelAccountId})`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return new ChannelAccounts(mappings, secrets);
}
