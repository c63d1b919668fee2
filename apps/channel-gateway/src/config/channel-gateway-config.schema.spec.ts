import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '@crossdock/config';
import { loadChannelAccounts, webhookSecretVariable } from './channel-accounts';
import { channelGatewayConfigSchema } from './channel-gateway-config.schema';

const MAPPINGS = join(__dirname, '../../../../libs/channel-adapters/mappings');
const base = { SERVICE_NAME: 'channel-gateway', DATABASE_URL: 'postgresql://u:p@localhost/channel_gateway' };

function problemsOf(attempt: () => unknown): string[] {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('channel-gateway config', () => {
  it('runs webhooks only by default, with SP-API and EDI off', () => {
    const config = loadConfig(channelGatewayConfigSchema, base);
    expect(config).toMatchObject({ SERVICE_NAME: 'channel-gateway', CHANNEL_ACCOUNTS: [] });
    expect([config.SP_API_ENDPOINT, config.EDI_INBOX_DIR]).toEqual([undefined, undefined]);
    expect(config.AMAZON_SETTLE_MS).toBe(120_000);
  });

  it('names every variable a chosen feature still needs', () => {
    const problems = problemsOf(() =>
      loadConfig(channelGatewayConfigSchema, { ...base, SP_API_ENDPOINT: 'https://sellingpartnerapi-na.amazon.com', SP_API_AUTH: 'lwa', EDI_INBOX_DIR: '/in' }),
    );
    expect(problems.join('\n')).toMatch(/SP_API_LWA_CLIENT_ID/);
    expect(problems.join('\n')).toMatch(/SP_API_LWA_REFRESH_TOKEN/);
    expect(problems.join('\n')).toMatch(/EDI_OUTBOX_DIR/);
    expect(problemsOf(() => loadConfig(channelGatewayConfigSchema, { ...base, SP_API_ENDPOINT: 'http://sim' }))).toEqual([
      expect.stringMatching(/^SP_API_ACCESS_TOKEN: required when SP_API_AUTH=static/),
    ]);
  });

  it('refuses a bad SP-API URL and a non-numeric interval', () => {
    const problems = problemsOf(() => loadConfig(channelGatewayConfigSchema, { ...base, SP_API_ENDPOINT: 'not a url', AMAZON_POLL_INTERVAL_MS: 'often' }));
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['AMAZON_POLL_INTERVAL_MS', 'SP_API_ENDPOINT']);
  });
});

describe('loadChannelAccounts', () => {
  const withMappings = (files: Record<string, unknown>): string => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-mappings-'));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
    return dir;
  };
  const shop = (id: string, domain: string) => ({ channelAccountId: id, channel: 'SHOPIFY', sourceFormat: 'shopify-webhook', partnerIds: [domain] });
  const secret = { [webhookSecretVariable('acme-outdoor')]: 'shpss_secret' };

  it('loads every mapping and the Shopify secrets from per-account variables', () => {
    const accounts = loadChannelAccounts({ CHANNEL_MAPPINGS_DIR: MAPPINGS, CHANNEL_ACCOUNTS: [] }, secret);
    expect(accounts.all.map((m) => m.channelAccountId)).toEqual(['acme-outdoor', 'amazon-us', 'edi-summit-outfitters']);
    expect(accounts.webhookSecret('acme-outdoor')).toBe('shpss_secret');
    expect(accounts.withFormat('x12-850').map((m) => m.channelAccountId)).toEqual(['edi-summit-outfitters']);
    expect(webhookSecretVariable('acme-outdoor')).toBe('SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR');
  });

  it('serves only the listed accounts, and needs no Shopify secret when no Shopify account is listed', () => {
    const accounts = loadChannelAccounts({ CHANNEL_MAPPINGS_DIR: MAPPINGS, CHANNEL_ACCOUNTS: ['amazon-us'] }, {});
    expect(accounts.all.map((m) => m.channelAccountId)).toEqual(['amazon-us']);
    expect(accounts.byId('acme-outdoor')).toBeNull();
  });

  it('fails start-up naming a missing secret, an unknown listed account and a missing folder', () => {
    const problems = problemsOf(() => loadChannelAccounts({ CHANNEL_MAPPINGS_DIR: MAPPINGS, CHANNEL_ACCOUNTS: ['acme-outdoor', 'nope'] }, {}));
    expect(problems).toEqual([
      expect.stringMatching(/^CHANNEL_ACCOUNTS: no mapping file nope\.json/),
      expect.stringMatching(/^SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR: missing/),
    ]);
    expect(problemsOf(() => loadChannelAccounts({ CHANNEL_MAPPINGS_DIR: '/nonexistent-mappings', CHANNEL_ACCOUNTS: [] }, {}))).toEqual([
      expect.stringMatching(/^CHANNEL_MAPPINGS_DIR: folder .* does not exist/),
    ]);
  });

  it('refuses ambiguous partner ids, unreadable files, unknown formats and an Amazon account without marketplace', () => {
    const dir = withMappings({
      'shop-a.json': shop('shop-a', 'same.myshopify.com'),
      'shop-b.json': shop('shop-b', 'SAME.myshopify.com'),
      'broken.json': '{ not json',
      'misnamed.json': shop('other-name', 'x.myshopify.com'),
      'walmart.json': { channelAccountId: 'walmart', channel: 'WALMART', sourceFormat: 'walmart-orders', partnerIds: ['1001'] },
      'amazon-eu.json': { channelAccountId: 'amazon-eu', channel: 'AMAZON', sourceFormat: 'amazon-sp-api-orders', partnerIds: ['A1SELLER'] },
    });
    const env = { SHOPIFY_WEBHOOK_SECRET_SHOP_A: 'a', SHOPIFY_WEBHOOK_SECRET_SHOP_B: 'b' };
    const problems = problemsOf(() => loadChannelAccounts({ CHANNEL_MAPPINGS_DIR: dir, CHANNEL_ACCOUNTS: [] }, env));
    expect(problems).toEqual([
      expect.stringMatching(/^broken\.json: /),
      expect.stringMatching(/^misnamed\.json: channelAccountId 'other-name' does not match/),
      expect.stringMatching(/^walmart\.json: no adapter for sourceFormat 'walmart-orders'/),
      expect.stringMatching(/^shop-b: partner id 'SAME\.myshopify\.com' is also claimed by shop-a/),
      expect.stringMatching(/^amazon-eu\.json: options\.marketplaceId is required/),
    ]);
  });
});
