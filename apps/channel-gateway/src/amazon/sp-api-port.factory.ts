import { LwaAccessTokenProvider, SpApiOrdersClient, StaticAccessToken, type SpApiAccessTokenProvider } from '@crossdock/channel-adapters/sp-api';
import type { ChannelAccountMapping, SpApiOrdersPort } from '@crossdock/channel-adapters';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';

/**
 * How SP-API calls authenticate, chosen by SP_API_AUTH. Both variables sets are checked at start-up
 * by the config schema. A Restricted Data Token provider (needed for buyer addresses of
 * merchant-fulfilled orders in production) would wrap the LWA one here.
 */
export function spApiTokens(config: ChannelGatewayConfig): SpApiAccessTokenProvider {
  if (config.SP_API_AUTH === 'lwa') {
    return new LwaAccessTokenProvider({
      clientId: config.SP_API_LWA_CLIENT_ID ?? '',
      clientSecret: config.SP_API_LWA_CLIENT_SECRET ?? '',
      refreshToken: config.SP_API_LWA_REFRESH_TOKEN ?? '',
      ...(config.SP_API_LWA_TOKEN_URL ? { tokenUrl: config.SP_API_LWA_TOKEN_URL } : {}),
    });
  }
  return new StaticAccessToken(config.SP_API_ACCESS_TOKEN ?? '');
}

/** The Orders API client of one Amazon account: its marketplaces come from the mapping's options. */
export function spApiOrdersPort(config: ChannelGatewayConfig, mapping: ChannelAccountMapping, tokens: SpApiAccessTokenProvider): SpApiOrdersPort {
  return new SpApiOrdersClient({
    endpoint: config.SP_API_ENDPOINT ?? '',
    marketplaceIds: marketplaceIdsOf(mapping),
    tokens,
    timeoutMs: config.SP_API_TIMEOUT_MS,
  });
}

export function marketplaceIdsOf(mapping: ChannelAccountMapping): string[] {
  return (mapping.options['marketplaceId'] ?? '')
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
}
