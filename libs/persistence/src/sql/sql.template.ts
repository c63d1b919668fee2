/** A parameterised statement: the text with `$1..$n` and the values bound to them. */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
  /**
   * What the statement does, e.g. `outbox.scan`: the prepared statement is named after it (with a
   * hash of the text), so traces and pg_stat views read `outbox.scan_1f2e3d4c`.
   */
  readonly name?: string;
}

type SqlTag = (strings: TemplateStringsArray, ...values: unknown[]) => SqlStatement;

/**
 * A statement from a template literal: every interpolated value becomes a bound parameter, never
 * text, so values cannot change the statement. Table and column names therefore belong in the
 * literal itself. `sql.named` gives the statement a readable name for traces.
 *
 *   sql`SELECT "id" FROM "ErpQueueEntry" WHERE "status" = ${status} LIMIT ${limit}`
 *   sql.named('erp-queue.pending')`SELECT "id" FROM "ErpQueueEntry" WHERE ...`
 */
export const sql: SqlTag & { readonly named: (name: string) => SqlTag } = Object.assign(
  (strings: TemplateStringsArray, ...values: unknown[]): SqlStatement => {
    let text = strings[0] ?? '';
    for (let i = 0; i < values.length; i++) text += `$${i + 1}${strings[i + 1] ?? ''}`;
    return { text, values };
  },
  {
    named:
      (name: string): SqlTag =>
      (strings, ...values) => ({ ...sql(strings, ...values), name }),
  },
);
