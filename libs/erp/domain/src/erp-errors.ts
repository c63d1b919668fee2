/**
 * ERP failures come in two kinds and the queue treats them oppositely: a transient one (outage,
 * throttling, timeout) keeps the order waiting in sequence, a permanent one parks it for an operator.
 * Pure classes so adapters and the drain policy agree without importing infrastructure.
 */
export type ErpTransientKind = 'OUTAGE' | 'THROTTLED' | 'TIMEOUT' | 'NETWORK';

export class ErpTransientError extends Error {
  constructor(
    readonly kind: ErpTransientKind,
    message: string,
    /** How long the ERP asked us to wait (Retry-After), or null when it did not say. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ErpTransientError';
  }
}

export type ErpPermanentCode = 'VALIDATION' | 'NOT_FOUND' | 'PROTOCOL';

export class ErpPermanentError extends Error {
  constructor(
    readonly code: ErpPermanentCode,
    message: string,
    /** The ERP's own field-level reasons, shown to the operator with ERP_REJECTED. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ErpPermanentError';
  }
}
