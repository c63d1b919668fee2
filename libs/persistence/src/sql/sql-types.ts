import { types } from 'pg';

const INT8 = 20;
const TIMESTAMP = 1114;

/**
 * How values come back: as Prisma's client would have returned them, so rows read here and rows
 * read through Prisma look alike. `bigint` columns as BigInt (pg's default is a string), and
 * `timestamp` (without zone, where Prisma keeps UTC wall time) as that UTC instant (pg's default
 * reads it in the process' own time zone). Everything else keeps pg's parsing (jsonb parsed, int as number).
 */
export const sqlTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === TIMESTAMP) return parseUtcWallTime;
    return types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/** `2026-11-27 10:32:55.123` (UTC wall time) → that instant; infinities stay as pg gives them. */
export function parseUtcWallTime(value: string): Date | string {
  if (value === 'infinity' || value === '-infinity') return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}
