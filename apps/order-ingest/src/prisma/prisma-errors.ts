import { TransientDependencyError } from '@crossdock/messaging';

/**
 * Database failures are outages, not poison: the message is fine and must wait (its partition with
 * it) rather than be dead-lettered. Anything else keeps its class, so a programming error still
 * ends in the dead-letter topic after the retry budget instead of blocking a partition forever.
 */
export function asDatabaseOutage(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const name = error.name ?? '';
  // A validation error is our bug (wrong query shape), not the database being away.
  if (name === 'PrismaClientValidationError') return error;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
  const fromDatabase =
    name.startsWith('PrismaClient') ||
    name === 'DriverAdapterError' ||
    name === 'SqlConnectionError' ||
    /^(P\d{4}|ECONN|08|57P|40001|40P01)/.test(code);
  return fromDatabase ? new TransientDependencyError('database', error.message, { cause: error }) : error;
}
