import type { SpApiAccessTokenProvider } from './sp-api-access-token';

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export interface LwaCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The seller's refresh token from authorising the app (`Atzr|...`). */
  readonly refreshToken: string;
  readonly tokenUrl?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/** Refresh this long before the hour-long LWA token expires, so no call goes out with a dying one. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Login with Amazon: exchanges the seller's refresh token for an access token (valid one hour) and
 * reuses it until shortly before it expires; concurrent callers share one refresh.
 */
export class LwaAccessTokenProvider implements SpApiAccessTokenProvider {
  private cached: { token: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly credentials: LwaCredentials) {
    this.now = credentials.now ?? Date.now;
    this.fetch = credentials.fetch ?? fetch;
  }

  accessToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - REFRESH_MARGIN_MS) return Promise.resolve(this.cached.token);
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.credentials.refreshToken,
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    });
    const response = await this.fetch(this.credentials.tokenUrl ?? LWA_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    const json = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown; error?: unknown } | null;
    if (!response.ok || typeof json?.access_token !== 'string') {
      // Never echo the request: it carries the client secret and refresh token.
      throw new Error(`LWA token refresh failed: HTTP ${response.status} ${typeof json?.error === 'string' ? json.error : ''}`.trim());
    }
    const lifetimeMs = (typeof json.expires_in === 'number' ? json.expires_in : 3600) * 1000;
    this.cached = { token: json.access_token, expiresAt: this.now() + lifetimeMs };
    return json.access_token;
  }
}
