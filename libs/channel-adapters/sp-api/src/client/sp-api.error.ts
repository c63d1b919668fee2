export interface SpApiErrorEntry {
  readonly code: string;
  readonly message: string;
  readonly details?: string;
}

/**
 * A failed SP-API call. `transient` ones (throttling, 5xx, timeouts, network) are retried by the
 * polling loop after `retryAfterMs` at the earliest; the others (bad request, revoked
 * authorisation) need an operator but are retried too, slowly, because polling must never stop.
 */
export class SpApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | null,
    readonly errors: readonly SpApiErrorEntry[],
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'SpApiError';
  }

  get transient(): boolean {
    return this.status === null || this.status === 408 || this.status === 429 || this.status >= 500;
  }

  get code(): string | null {
    return this.errors[0]?.code ?? null;
  }
}

/**
 * When to call again: `Retry-After` (seconds or HTTP date) if sent, else one token of the
 * operation's rate from `x-amzn-RateLimit-Limit` (requests per second) on a 429.
 */
export function retryAfterMs(status: number, headers: Headers, now: number = Date.now()): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const rate = Number(headers.get('x-amzn-ratelimit-limit'));
  if (status === 429 && Number.isFinite(rate) && rate > 0) return Math.ceil(1000 / rate);
  return null;
}
