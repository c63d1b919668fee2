/**
 * Which rows of one table have done their job and how long they are kept afterwards, e.g. outcome
 * events already published to Kafka, kept 7 days after `publishedAt`.
 */
export interface RetentionRule {
  /** What the rows are, in the business's words, for logs: `published outcome events`. */
  readonly name: string;
  readonly table: string;
  /**
   * SQL condition true only of rows whose purpose is finished (`"publishedAt" IS NOT NULL`). It is
   * spliced into the statement, so it must be a code constant, never configuration.
   */
  readonly where: string;
  /** When the row's purpose finished; a row is deleted once this is older than `keepFor`. */
  readonly timestampColumn: string;
  /** Milliseconds a finished row is kept, for audits and support questions. */
  readonly keepFor: number;
}

/** Unquoted PostgreSQL identifiers of at most 63 characters: nothing that could close the quotes. */
const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** `name` as a quoted identifier; throws for anything but letters, digits and underscores. */
export function quoteIdentifier(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) {
    throw new Error(`'${name}' is not a safe SQL identifier (letters, digits and underscores, at most 63, not starting with a digit)`);
  }
  return `"${name}"`;
}

/** Throws naming the first rule that could delete the wrong rows or build unsafe SQL. */
export function assertRetentionRules(rules: readonly RetentionRule[]): void {
  const names = new Set<string>();
  for (const rule of rules) {
    if (rule.name.trim() === '') throw new Error('a retention rule needs a name');
    if (names.has(rule.name)) throw new Error(`retention rule '${rule.name}' is defined twice`);
    names.add(rule.name);
    quoteIdentifier(rule.table);
    quoteIdentifier(rule.timestampColumn);
    // Without a condition every old row would go, finished or not.
    if (rule.where.trim() === '') throw new Error(`retention rule '${rule.name}' needs a condition for rows whose work is finished`);
    if (!Number.isSafeInteger(rule.keepFor) || rule.keepFor <= 0) {
      throw new Error(`retention rule '${rule.name}' must keep rows for a positive whole number of milliseconds, got ${rule.keepFor}`);
    }
  }
}

/**
 * One bounded batch: `$1` is the cutoff (rows finished before it go), `$2` the batch size. Each
 * statement is its own short transaction. Rows locked by a live transaction are skipped rather
 * than waited for, and `ctid = ANY(ARRAY(...))` plans as a TID scan, so a batch touches only the
 * rows it deletes. The outer condition repeats the inner one because a ctid names a place, not
 * a row: only a finished, old row there is deleted.
 * The cutoff is an untyped parameter compared with the column, so it is read in the column's own
 * type: UTC wall time for Prisma's `timestamp(3)` DateTime, an instant for `timestamptz`.
 */
export function retentionBatchStatement(rule: RetentionRule): string {
  const table = quoteIdentifier(rule.table);
  const finished = `(${rule.where}) AND ${quoteIdentifier(rule.timestampColumn)} < $1`;
  return `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${table} WHERE ${finished} LIMIT $2 FOR UPDATE SKIP LOCKED)) AND ${finished}`;
}
