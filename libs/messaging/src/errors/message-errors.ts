/**
 * Why a message went to a dead-letter topic. Codes are stable strings: they travel inside
 * dead-letter records and are what operators filter and alert on, so never rename one.
 */
export const DeadLetterCode = {
  MalformedEnvelope: 'MALFORMED_ENVELOPE',
  UnknownSchemaId: 'UNKNOWN_SCHEMA_ID',
  SchemaMismatch: 'SCHEMA_MISMATCH',
  MalformedPayload: 'MALFORMED_PAYLOAD',
  MissingKey: 'MISSING_KEY',
  NoHandler: 'NO_HANDLER',
  Rejected: 'REJECTED_BY_HANDLER',
  RetriesExhausted: 'RETRIES_EXHAUSTED',
} as const;
export type DeadLetterCode = (typeof DeadLetterCode)[keyof typeof DeadLetterCode];

/** A message that can never succeed, however often it is retried: dead-letter it at once. */
export class PoisonMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}

/**
 * A dependency is unavailable (database, registry, ERP). The message itself is fine, so it is
 * retried without limit and its partition waits: dead-lettering it would lose ordering and data.
 */
export class TransientDependencyError extends Error {
  constructor(
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransientDependencyError';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
