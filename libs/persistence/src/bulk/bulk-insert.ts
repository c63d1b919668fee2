/** The SQL types a bulk-inserted column can have; `text[]` and `timestamp` travel as JSON and are converted. */
export type BulkColumnType = 'text' | 'int' | 'bigint' | 'boolean' | 'jsonb' | 'timestamp' | 'text[]';

/** What a bulk insert needs of a Prisma client or transaction. */
export interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

/** A raw executor that also returns rows (Prisma's `$queryRawUnsafe`, `SqlPool`'s). */
export interface RawQueryExecutor extends RawExecutor {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * Inserts many rows with ONE statement and ONE parameter: the rows as a JSON array, unpacked by
 * `jsonb_to_recordset`. An ORM's createMany binds rows × columns parameters and spends its time
 * building them; this keeps a burst's writes at a fixed, small cost per batch.
 *
 * `table` and the column names must be code constants (they are spliced into the SQL); values only
 * ever travel as the JSON parameter. Dates are written as UTC wall time into `timestamp` columns
 * (how Prisma stores DateTime); bigints as numbers (epoch milliseconds fit).
 */
export async function bulkInsert(
  db: RawExecutor,
  table: string,
  columns: Readonly<Record<string, BulkColumnType>>,
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Promise<number> {
  return bulkInsertAll(db, [{ table, columns, rows }]);
}

/** One table's rows for `bulkInsertAll`. */
export interface BulkRows {
  readonly table: string;
  readonly columns: Readonly<Record<string, BulkColumnType>>;
  readonly rows: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/**
 * `bulkInsert` into several tables with ONE statement (one round trip): all but the last insert run
 * as data-modifying CTEs, which PostgreSQL always executes, all in the statement's one snapshot and
 * atomically. Tables without rows are left out. Returns the rows inserted into the last table.
 */
export async function bulkInsertAll(db: RawExecutor, inserts: readonly BulkRows[]): Promise<number> {
  const parts = inserts.filter((i) => i.rows.length > 0).map((p, i) => bulkInsertStatement(p, i + 1));
  const last = parts.pop();
  if (!last) return 0;
  const sql = parts.length === 0 ? last.text : `WITH ${parts.map((p, i) => `w${i} AS (${p.text})`).join(', ')} ${last.text}`;
  return db.$executeRawUnsafe(sql, ...parts.map((p) => p.json), last.json);
}

/**
 * A bulk insert as a statement to embed in a larger one (a data-modifying CTE), its rows bound to
 * parameter `$parameter` as `json`. `condition` filters the rows by columns of `v` that are read
 * but not inserted (`condition.columns`), e.g. `v."entryId" IN (SELECT "id" FROM done)`.
 */
export function bulkInsertStatement(
  rows: BulkRows,
  parameter: number,
  condition?: { readonly columns: Readonly<Record<string, BulkColumnType>>; readonly where: string },
): { readonly text: string; readonly json: string } {
  const read = { ...rows.columns, ...(condition?.columns ?? {}) };
  const text = insertStatement(rows.table, rows.columns, parameter, read) + (condition ? ` WHERE ${condition.where}` : '');
  return { text, json: rowsJson(read, rows.rows) };
}

function insertStatement(
  table: string,
  columns: Readonly<Record<string, BulkColumnType>>,
  parameter: number,
  read: Readonly<Record<string, BulkColumnType>> = columns,
): string {
  const names = Object.keys(columns);
  const transported = (type: BulkColumnType): string => (type === 'text[]' ? 'jsonb' : type === 'timestamp' ? 'text' : type);
  const selected = (name: string, type: BulkColumnType): string =>
    type === 'text[]' ? `ARRAY(SELECT jsonb_array_elements_text(v."${name}"))` : type === 'timestamp' ? `v."${name}"::timestamp` : `v."${name}"`;
  const recordset = Object.keys(read).map((n) => `"${n}" ${transported(read[n] as BulkColumnType)}`);
  return (
    `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) ` +
    `SELECT ${names.map((n) => selected(n, columns[n] as BulkColumnType)).join(', ')} ` +
    `FROM jsonb_to_recordset($${parameter}::jsonb) AS v(${recordset.join(', ')})`
  );
}

// No replacer: JSON.stringify stays native-fast; bigints (top-level columns only) are converted in pick.
function rowsJson(columns: Readonly<Record<string, BulkColumnType>>, rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  const names = Object.keys(columns);
  return JSON.stringify(rows.map((row) => pick(row, names)));
}

function pick(row: Readonly<Record<string, unknown>>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = row[name] ?? null;
    out[name] = typeof value === 'bigint' ? Number(value) : value;
  }
  return out;
}
