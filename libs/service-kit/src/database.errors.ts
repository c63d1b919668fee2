import { TransientDependencyError } from '@crossdock/messaging';

// SQLSTATE classes and codes that mean "the database is away or overloaded", not "this statement is wrong":
// 08 connection exception, 53 insufficient resources, 57P operator intervention (shutdown, crash
// recovery), 40001 serialization failure and 40P01 deadlock (retrying is the documented remedy).
const OUTAGE_SQLSTATE = /^(08|53|57P|58|40001$|40P01$)/;
// Node socket errors on the way to the database.
const OUTAGE_SOCKET = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN)$/;
// Prisma's own codes for the same: P1001 cannot reach, P1002 timed out, P1008 operation timed out,
// P1017 server closed the connection, P2024 connection pool timeout, P2034 write conflict/deadlock.
const OUTAGE_PRISMA = /^(P1001|P1002|P1008|P1017|P2024|P2034)$/;

/**
 * The one database-error classifier every service's consumers use (through the kit's messaging
 * options): an outage becomes a TransientDependencyError, so the message waits with its partition
 * and nothing valid is dead-lettered because the database was down. Everything else — a constraint
 * violation, a malformed value, a query the schema does not know — keeps its class: it gets the
 * bounded attempts of any failure and then the dead-letter topic, so it can never block a partition forever.
 */
export function classifyDatabaseError(error: unknown): unknown {
  if (error instanceof TransientDependencyError || !isOutage(error)) return error;
  return new TransientDependencyError('database', error instanceof Error ? error.message : String(error), { cause: error });
}

function isOutage(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  const name = error.name;
  // Prisma could not start a connection at all, or a pooled connection was closed under it.
  if (name === 'PrismaClientInitializationError' || name === 'SqlConnectionError') return true;
  const code = codeOf(error);
  if (code && (OUTAGE_SQLSTATE.test(code) || OUTAGE_SOCKET.test(code) || OUTAGE_PRISMA.test(code))) return true;
  // pg's "Connection terminated unexpectedly" and pool timeouts carry no code.
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(error.message))
    return true;
  // Driver-adapter errors wrap the pg error: judge the cause.
  return isOutage(error.cause, depth + 1) || isOutage(adapterCause(error), depth + 1);
}

function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Prisma's DriverAdapterError keeps the database's SQLSTATE in cause.originalCode.
  const original = (error as { cause?: { originalCode?: unknown } }).cause?.originalCode;
  return typeof original === 'string' ? original : undefined;
}

function adapterCause(error: Error): unknown {
  const meta = (error as { meta?: { driverAdapterError?: unknown } }).meta;
  return meta?.driverAdapterError;
}
