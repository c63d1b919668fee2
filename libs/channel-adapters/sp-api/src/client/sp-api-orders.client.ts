import type { GetOrderItemsResponse, GetOrdersQuery, GetOrdersResponse, SpApiOrdersPort } from '@crossdock/channel-adapters';
import type { SpApiAccessTokenProvider, SpApiOperation } from '../auth/sp-api-access-token';
import { retryAfterMs, SpApiError, type SpApiErrorEntry } from './sp-api.error';

export interface SpApiOrdersClientOptions {
  /** Regional endpoint, e.g. https://sellingpartnerapi-na.amazon.com, or the simulator's base URL. */
  readonly endpoint: string;
  readonly marketplaceIds: readonly string[];
  readonly tokens: SpApiAccessTokenProvider;
  readonly timeoutMs?: number;
  readonly userAgent?: string;
  readonly fetch?: typeof fetch;
}

/**
 * Orders API v0 over HTTPS behind the poller's {@link SpApiOrdersPort}: `GET /orders/v0/orders`
 * (LastUpdatedAfter/Before, then NextToken pages) and `GET /orders/v0/orders/{id}/orderItems`.
 * Authentication is only the `x-amz-access-token` header (SP-API dropped SigV4 signing), whose
 * value comes from the pluggable token provider. Every failure becomes an {@link SpApiError}.
 */
export class SpApiOrdersClient implements SpApiOrdersPort {
  private readonly endpoint: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: SpApiOrdersClientOptions) {
    if (options.marketplaceIds.length === 0) throw new Error('SP-API client needs at least one marketplace id');
    this.endpoint = options.endpoint.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
  }

  async getOrders(query: GetOrdersQuery): Promise<GetOrdersResponse> {
    const params = new URLSearchParams({ MarketplaceIds: this.options.marketplaceIds.join(',') });
    if (query.nextToken !== null) params.set('NextToken', query.nextToken);
    else {
      params.set('LastUpdatedAfter', query.lastUpdatedAfter);
      params.set('LastUpdatedBefore', query.lastUpdatedBefore);
    }
    const body = await this.call('getOrders', '/orders/v0/orders', params);
    if (!Array.isArray(body.payload?.['Orders'])) throw protocolError('getOrders', 'payload.Orders is not an array');
    return body as GetOrdersResponse;
  }

  async getOrderItems(amazonOrderId: string, nextToken: string | null): Promise<GetOrderItemsResponse> {
    const params = new URLSearchParams(nextToken === null ? {} : { NextToken: nextToken });
    const body = await this.call('getOrderItems', `/orders/v0/orders/${encodeURIComponent(amazonOrderId)}/orderItems`, params);
    if (!Array.isArray(body.payload?.['OrderItems'])) throw protocolError('getOrderItems', 'payload.OrderItems is not an array');
    return body as GetOrderItemsResponse;
  }

  private async call(operation: SpApiOperation, path: string, params: URLSearchParams): Promise<{ payload?: Record<string, unknown> }> {
    const token = await this.options.tokens.accessToken(operation, path);
    const query = params.toString();
    let response: Response;
    try {
      response = await this.fetch(`${this.endpoint}${path}${query ? `?${query}` : ''}`, {
        headers: {
          accept: 'application/json',
          'x-amz-access-token': token,
          'user-agent': this.options.userAgent ?? 'crossdock-channel-gateway/0.1 (Language=TypeScript)',
        },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new SpApiError(operation, null, [], null, `${operation} did not complete: ${error instanceof Error ? error.message : String(error)}`);
    }
    const text = await response.text();
    const json = parseJson(text);
    if (!response.ok) {
      const errors = errorsOf(json);
      const summary = errors.map((e) => `${e.code}: ${e.message}`).join('; ') || text.slice(0, 200);
      throw new SpApiError(
        operation,
        response.status,
        errors,
        retryAfterMs(response.status, response.headers),
        `${operation} HTTP ${response.status} ${summary}`,
      );
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) throw protocolError(operation, 'response is not a JSON object');
    return json as { payload?: Record<string, unknown> };
  }
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function errorsOf(json: unknown): SpApiErrorEntry[] {
  const list = (json as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e: unknown) => {
    const entry = e as Partial<SpApiErrorEntry> | null;
    return typeof entry?.code === 'string'
      ? [{ code: entry.code, message: String(entry.message ?? ''), ...(entry.details ? { details: String(entry.details) } : {}) }]
      : [];
  });
}

function protocolError(operation: string, what: string): SpApiError {
  return new SpApiError(operation, 200, [], null, `${operation}: unexpected response, ${what}`);
}
