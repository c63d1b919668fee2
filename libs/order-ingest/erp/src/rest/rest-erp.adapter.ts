import { type HttpAnswer, JsonHttpClient, parseRetryAfter } from '@crossdock/erp/client';
import { type ErpOrderPayload, ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import type { ErpCancellation, ErpOrderPort, ErpSubmission } from '@crossdock/order-ingest/domain';
import { z } from 'zod';

export interface RestErpAdapterOptions {
  readonly erpSystem: string;
  readonly baseUrl: string;
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  readonly clock?: () => number;
}

const submissionBody = z.object({ erpOrderNumber: z.string().min(1) });
const cancellationBody = z.object({
  erpOrderNumber: z.string().min(1),
  status: z.enum(['CANCELLED', 'ALREADY_CANCELLED', 'NOT_CANCELLABLE']),
  reason: z.string().nullish(),
});
const errorBody = z.object({
  message: z.string().optional(),
  errors: z.array(z.object({ field: z.string().optional(), message: z.string() })).optional(),
});

/**
 * Cloud ERP over REST. Orders are upserted by external id (`PUT /orders/{externalId}`): 201 created,
 * 200 already there — the ERP itself guarantees one sales order per channel order, whatever we resend.
 * Status mapping: 429/503 (+ Retry-After), other 5xx, 408, timeouts and network errors are transient;
 * 400/409/422 are the ERP refusing the order (permanent). 401/403 are transient on purpose: revoked
 * credentials are an operations problem, and parking every order as "refused" would hide it.
 */
export class RestErpAdapter implements ErpOrderPort {
  readonly erpSystem: string;
  private readonly baseUrl: string;
  private readonly clock: () => number;
  private readonly http = new JsonHttpClient();

  constructor(private readonly options: RestErpAdapterOptions) {
    this.erpSystem = options.erpSystem;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.clock = options.clock ?? Date.now;
  }

  async submit(payload: ErpOrderPayload): Promise<ErpSubmission> {
    const response = await this.call('PUT', this.orderUrl(payload.externalId), payload, payload.externalId);
    if (response.status === 200 || response.status === 201) {
      const body = submissionBody.safeParse(readJson(response));
      if (!body.success) throw new ErpPermanentError('PROTOCOL', `ERP answered ${response.status} without an erpOrderNumber`);
      return { erpOrderNumber: body.data.erpOrderNumber, created: response.status === 201 };
    }
    throw this.failure(response, `submit ${payload.externalId}`);
  }

  async cancel(externalId: string, reasonCode: string): Promise<ErpCancellation> {
    const response = await this.call('POST', `${this.orderUrl(externalId)}/cancel`, { reasonCode }, `${externalId}#cancel`);
    if (response.status === 200 || response.status === 409) {
      const body = cancellationBody.safeParse(readJson(response));
      if (body.success)
        return {
          erpOrderNumber: body.data.erpOrderNumber,
          outcome: body.data.status,
          reason: body.data.reason ?? null,
        };
      if (response.status === 200) throw new ErpPermanentError('PROTOCOL', 'ERP answered 200 to a cancel without a status');
    }
    if (response.status === 404) throw new ErpPermanentError('NOT_FOUND', `ERP has no order with external id ${externalId}`);
    throw this.failure(response, `cancel ${externalId}`);
  }

  private orderUrl(externalId: string): string {
    return `${this.baseUrl}/orders/${encodeURIComponent(externalId)}`;
  }

  private async call(method: string, url: string, body: unknown, idempotencyKey: string): Promise<HttpAnswer> {
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

  private failure(response: HttpAnswer, what: string): Error {
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

function readJson(response: HttpAnswer): unknown {
  const text = response.text;
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
