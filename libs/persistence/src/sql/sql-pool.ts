import { DatabaseError, type Pool, type QueryConfig, type QueryResult } from 'pg';
import type { RawQueryExecutor } from '../bulk/bulk-insert';
import type { SqlStatement } from './sql.template';
import { sqlTypes } from './sql-types';

/**
 * The database could not be reached, or the connection broke mid-statement: an outage, whatever
 * node-postgres' message says (several of its connection errors carry no code). Errors PostgreSQL
 * itself answered (constraint violations, bad SQL) keep their class and SQLSTATE `code`.
 */
export class SqlConnectionError extends Error {
  override readonly name = 'SqlConnectionError';
}

/** Runs statements: the pool (each statement commits on its own) or one transaction. */
export interface SqlExecutor extends RawQueryExecutor {
  query<T>(statement: SqlStatement): Promise<T[]>;
}

/** What a pool and a pooled connection both offer: a statement, its result. */
interface Queryable {
  query(config: QueryConfig): Promise<QueryResult>;
}

/** Statements on a pool (each commits on its own) or on one connection inside a transaction. */
class PgExecutor implements SqlExecutor {
  constructor(private readonly target: Queryable) {}

  async query<T>(statement: SqlStatement): Promise<T[]> {
    return (await connecting(this.target.query(config(statement)))).rows as T[];
  }

  async $executeRawUnsafe(text: string, ...values: unknown[]): Promise<number> {
    return (await connecting(this.target.query(config({ text, values })))).rowCount ?? 0;
  }

  async $queryRawUnsafe<T = unknown>(text: string, ...values: unknown[]): Promise<T> {
    return (await connecting(this.target.query(config({ text, values })))).rows as T;
  }
}

/**
 * SQL straight through node-postgres, for the few statements a service runs per message under
 * load. Prisma's client stays the way to the database everywhere else; it cost order-ingest about
 * a quarter of its thread per statement (its query interpreter and its per-value result mapping),
 * which matters only where statements run thousands of times a second. Shares the pool Prisma's
 * pg adapter uses, so the service still has one set of connections.
 */
export class SqlPool extends PgExecutor {
  constructor(private readonly pool: Pool) {
    super(pool);
  }

  /** `fn`'s statements in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await connecting(this.pool.connect());
    let broken: Error | undefined;
    try {
      await connecting(client.query('BEGIN'));
      const result = await fn(new PgExecutor(client));
      await connecting(client.query('COMMIT'));
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackFailed: unknown) => {
        // A connection that cannot even roll back is not given to the next caller.
        broken = rollbackFailed instanceof Error ? rollbackFailed : new Error(String(rollbackFailed));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }
}

async function connecting<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new SqlConnectionError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

function config(statement: SqlStatement): QueryConfig {
  return { text: statement.text, values: statement.values as unknown[], types: sqlTypes };
}
