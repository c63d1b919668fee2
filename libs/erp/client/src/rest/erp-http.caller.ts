import { ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { z } from 'zod';
import { type HttpAnswer, JsonHttpClient } from './json-http.client';
import { parseRetryAfter } from './retry-after';

export interface ErpHttpOptions {
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  readonly clock?: () => number;
}

const errorBody = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
});

/**
 * A cloud ERP's REST API as every adapter calls it: JSON in and out, bearer key, an Idempotency-Key
 * per call, and one mapping of failures to the two ERP errors. 429/503 (+ Retry-After), other 5xx,
 * 408, timeouts and network errors are transient; 400/409/422 are the ERP refusing the document
 * (permanent, its field errors in `details`). 401/403 are transient on purpose: revoked credentials
 * are an operations problem, and parking every document as "refused" would hide it.
 */
export class ErpHttpCaller {
  private readonly baseUrl: string;
  private readonly clock: () => number;
  private readonly http = new JsonHttpClient();

  constructor(private readonly options: ErpHttpOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? Date.now;
  }

  /** `path` starts with '/' and has its segments encoded. */
  async send(method: string, path: string, body: unknown, idempotencyKey: string): Promise<HttpAnswer> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'idempotency-key': idempotencyKey,
    };
    if (this.options.apiKey) headers['authorization'] = `Bearer ${this.options.apiKey}`;
    try {
      return await this.http.send(method, url, headers, JSON.stringify(body), this.options.timeoutMs);
    } catch (error) {
      // By name, not instanceof: errors may come from another realm (test sandboxes).
      const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : null;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new ErpTransientError('TIMEOUT', `ERP did not answer ${method} ${url} within ${this.options.timeoutMs} ms`, null, { cause: error });
      }
      throw new ErpTransientError('NETWORK', `ERP unreachable: ${error instanceof Error ? error.message : String(error)}`, null, { cause: error });
    }
  }

  /** The error an answer that is not the call's success stands for. */
  failure(response: HttpAnswer, what: string): Error {
    const retryAfterMs = parseRetryAfter(response.header('retry-after'), this.clock());
    const body = errorBody.safeParse(readJson(response));
    const message = `${what}: HTTP ${response.status}${body.success && body.data.message ? ` ${body.data.message}` : ''}`;
    const status = response.status;
    if (status === 429) return new ErpTransientError('THROTTLED', message, retryAfterMs);
    if (status === 408) return new ErpTransientError('TIMEOUT', message, retryAfterMs);
    if (status >= 500 || status === 401 || status === 403) return new ErpTransientError('OUTAGE', message, retryAfterMs);
    if (status === 400 || status === 409 || status === 422) {
      const details = body.success ? (body.data.errors ?? []).map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)) : [];
      return new ErpPermanentError('VALIDATION', message, details);
    }
    return new ErpPermanentError('PROTOCOL', message);
  }
}

/** The answer's JSON body, or null when it has none or it is not JSON. */
export function readJson(response: HttpAnswer): unknown {
  const text = response.text;
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
