/** A parameterised statement: the text with `$1..$n` and the values bound to them. */
export interface SqlStatement {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * A statement from a template literal: every interpolated value becomes a bound parameter, never
 * text, so values cannot change the statement. Table and column names therefore belong in the
 * literal itself.
 *
 *   sql`SELECT "id" FROM "ErpQueueEntry" WHERE "status" = ${status} LIMIT ${limit}`
 */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlStatement {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) text += `$${i + 1}${strings[i + 1] ?? ''}`;
  return { text, values };
}
