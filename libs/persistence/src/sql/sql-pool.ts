import { DatabaseError, type Pool, type PoolClient, type QueryConfig } from 'pg';
import type { RawExecutor } from '../bulk/bulk-insert';
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
export interface SqlExecutor extends RawExecutor {
  query<T>(statement: SqlStatement): Promise<T[]>;
}

/**
 * SQL straight through node-postgres, for the few statements a service runs per message under
 * load. Prisma's client stays the way to the database everywhere else; it cost order-ingest about
 * a quarter of its thread per statement (its query interpreter and its per-value result mapping),
 * which matters only where statements run thousands of times a second. Shares the pool Prisma's
 * pg adapter uses, so the service still has one set of connections.
 */
export class SqlPool implements SqlExecutor {
  constructor(private readonly pool: Pool) {}

  async query<T>(statement: SqlStatement): Promise<T[]> {
    return (await connecting(this.pool.query(config(statement)))).rows as T[];
  }

  async $executeRawUnsafe(text: string, ...values: unknown[]): Promise<number> {
    return (await connecting(this.pool.query(config({ text, values })))).rowCount ?? 0;
  }

  /** `fn`'s statements in one transaction: committed when it resolves, rolled back when it throws. */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await connecting(this.pool.connect());
    let broken: Error | undefined;
    try {
      await connecting(client.query('BEGIN'));
      const result = await fn(new SqlTransaction(client));
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

class SqlTransaction implements SqlExecutor {
  constructor(private readonly client: PoolClient) {}

  async query<T>(statement: SqlStatement): Promise<T[]> {
    return (await connecting(this.client.query(config(statement)))).rows as T[];
  }

  async $executeRawUnsafe(text: string, ...values: unknown[]): Promise<number> {
    return (await connecting(this.client.query(config({ text, values })))).rowCount ?? 0;
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
