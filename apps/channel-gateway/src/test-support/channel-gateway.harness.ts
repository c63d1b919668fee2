import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signShopifyBody } from '@crossdock/channel-adapters';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { ChannelGatewayApp } from '../channel-gateway.app';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');
export const MAPPINGS_DIR = join(__dirname, '../../../../libs/channel-adapters/mappings');
const FIXTURES_DIR = join(__dirname, '../../../../libs/channel-adapters/fixtures');
export const SHOPIFY_SECRET = 'shpss_it_5b1f0e6c2d9a4e7f8c3b1a0d';

/** Raw bytes of a channel sample under libs/channel-adapters/fixtures. */
export function fixture(relativePath: string): Buffer {
  return readFileSync(join(FIXTURES_DIR, relativePath));
}

/**
 * One test file's world (ServiceTestWorld: namespace with the contracts applied, migrated
 * throw-away database, recorders) and the gateway started the way main.ts starts it.
 */
export class GatewayHarness extends ServiceTestWorld {
  constructor(label: string) {
    super(label, { service: 'channel-gateway', prismaSchema: SCHEMA_PATH });
  }

  serviceEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      ...this.platformEnv(process.env['CHANNEL_GATEWAY_TEST_LOG_LEVEL'] ?? 'fatal'),
      CHANNEL_MAPPINGS_DIR: MAPPINGS_DIR,
      SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR: SHOPIFY_SECRET,
      ...overrides,
    };
  }

  async startService(overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const service = await startService(ChannelGatewayApp, { env: this.serviceEnv(overrides), port: 0, handleSignals: false });
    return { service, baseUrl: baseUrlOf(service) };
  }
}

/** Posts a webhook the way Shopify does: raw bytes, signed with the shop's secret unless told otherwise. */
export async function postShopifyWebhook(
  url: string,
  rawBody: Buffer,
  { topic = 'orders/create', secret = SHOPIFY_SECRET, headers = {} }: { topic?: string; secret?: string; headers?: Record<string, string | null> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const all: Record<string, string | null> = {
    'content-type': 'application/json',
    'x-shopify-topic': topic,
    'x-shopify-hmac-sha256': signShopifyBody(rawBody, secret),
    'x-shopify-shop-domain': 'acme-outdoor.myshopify.com',
    'x-shopify-webhook-id': `wh-${Math.random().toString(16).slice(2)}`,
    'x-shopify-api-version': '2026-10',
    ...headers,
  };
  const sent = Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null));
  const response = await fetch(url, { method: 'POST', headers: sent, body: rawBody });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The Shopify sample with another order id, byte for byte otherwise (pretty-printed as Shopify sends it). */
export function shopifyOrderBody(file: string, orderId: string): Buffer {
  return Buffer.from(fixture(`shopify/${file}`).toString('utf8').replaceAll('6120458731622', orderId));
}
