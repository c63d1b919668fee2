import { DatabaseError, type Pool, type PoolClient, type QueryConfig, type QueryResult } from 'pg';
import type { RawQueryExecutor } from '../bulk/bulk-insert';
import type { SqlStatement } from './sql.template';
import { sqlTypes } from './sql-types';
import { StatementNames } from './statement-names';

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

  /** Prisma's shape, for helpers that take either executor (bulk inserts); named after the statement's verb and table. */
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
 * pg adapter uses, so the service still has one set of connections. Its statements are prepared
 * once per connection (`StatementNames`).
 */
export class SqlPool extends PgExecutor {
  constructor(private readonly pool: Pool) {
    super(pool);
  }

  /**
   * One connection of the pool, kept, that holds PostgreSQL's session advisory lock `lockId`; null
   * when another session holds it (the connection goes back to the pool at once, lock-free). The
   * lock lasts exactly as long as the connection: a process that dies or loses its connection
   * loses it, with no lease to expire. `end()` closes that connection instead of returning it,
   * because a pooled connection would keep the lock for whichever caller it serves next.
   */
  async lockedSession(lockId: number): Promise<LockedSession | null> {
    const client = await connecting(this.pool.connect());
    let locked = false;
    try {
      const result = await connecting(client.query({ text: 'SELECT pg_try_advisory_lock($1) AS locked', values: [lockId] }));
      locked = (result.rows[0] as { locked?: boolean } | undefined)?.locked === true;
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    if (!locked) {
      client.release();
      return null;
    }
    return new LockedSession(client);
  }

  /**
   * One connection of the pool, kept, that LISTENs on `channel` and hands each notification's
   * payload to `onNotification`. Like a locked session it is closed, never returned, by `end()`.
   */
  async listen(channel: string, onNotification: (payload: string) => void): Promise<ListeningSession> {
    const client = await connecting(this.pool.connect());
    client.on('notification', (message) => {
      if (message.channel === channel) onNotification(message.payload ?? '');
    });
    try {
      await connecting(client.query(`LISTEN ${quoteIdentifier(channel)}`));
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    return new ListeningSession(client);
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

/** A kept connection holding a session advisory lock (`SqlPool.lockedSession`). */
export class LockedSession extends PgExecutor {
  private failure: Error | undefined;
  private ended = false;

  constructor(private readonly client: PoolClient) {
    super(client);
    // A checked-out connection has no pool listener: an unheard 'error' would end the process.
    client.on('error', (error: Error) => {
      this.failure = error;
    });
    client.on('end', () => {
      this.failure ??= new SqlConnectionError("the session's connection ended");
    });
  }

  /** The connection failed or was ended: the lock is gone with it. */
  get lost(): boolean {
    return this.ended || this.failure !== undefined;
  }

  override async query<T>(statement: SqlStatement): Promise<T[]> {
    try {
      return await super.query<T>(statement);
    } catch (error) {
      if (error instanceof SqlConnectionError) this.failure = error;
      throw error;
    }
  }

  /** Closes the connection, and with it the lock; safe to call more than once. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.client.release(this.failure ?? true);
  }
}

/** A kept connection LISTENing on a channel (`SqlPool.listen`); notifications stop when it is lost or ended. */
export class ListeningSession {
  private failure: Error | undefined;
  private ended = false;
  private lostListener: (() => void) | undefined;

  constructor(private readonly client: PoolClient) {
    client.on('error', (error: Error) => this.fail(error));
    client.on('end', () => this.fail(new SqlConnectionError("the listening session's connection ended")));
  }

  get lost(): boolean {
    return this.ended || this.failure !== undefined;
  }

  /** Called once when the connection fails: notifications sent meanwhile are lost, so the caller resynchronises. */
  onLost(listener: () => void): void {
    this.lostListener = listener;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.client.release(this.failure ?? true);
  }

  private fail(error: Error): void {
    if (this.failure !== undefined || this.ended) return;
    this.failure = error;
    this.lostListener?.();
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function connecting<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new SqlConnectionError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

const statementNames = new StatementNames();

/**
 * Every statement runs prepared, under a readable name (`StatementNames`); a transaction-mode
 * PgBouncer needs its prepared-statement support (1.21+).
 */
function config(statement: SqlStatement): QueryConfig {
  const name = statementNames.nameOf(statement.text, statement.name);
  return { ...(name ? { name } : {}), text: statement.text, values: statement.values as unknown[], types: sqlTypes };
}
