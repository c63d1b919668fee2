import { createHash } from 'node:crypto';

/** PostgreSQL keys prepared statements by their first 63 bytes (NAMEDATALEN): names stay below it. */
const MAX_READABLE = 50;

/**
 * Names for prepared statements, one per statement text: with a name, node-postgres has PostgreSQL
 * parse a statement once per connection and afterwards only binds and executes it, and PostgreSQL
 * may keep its plan. For the large per-order statements (multi-table inserts, data-modifying CTEs)
 * parsing and planning was a fifth to a quarter of the database's CPU per order.
 *
 * A name reads `<what it does>_<hash of its text>`: `outbox.scan_1f2e3d4c`. The readable part is
 * the one the call site gave (`sql.named('outbox.scan')`), or else the statement's verb and first
 * table (`insert.ChannelOrderRecord`). It is what a trace shows (`pg.query:outbox.scan_1f2e3d4c`);
 * the hash keeps two texts under one readable name apart.
 *
 * Texts come from code (values are always parameters), so there are few; past `capacity` a text
 * stays unnamed, so that a caller building texts at run time cannot grow every connection's
 * statement cache without bound.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity = 500) {}

  nameOf(text: string, readable?: string): string | undefined {
    const key = readable === undefined ? text : `${readable}\u0000${text}`;
    const known = this.names.get(key);
    if (known !== undefined || this.names.size >= this.capacity) return known;
    const name = `${readableName(readable ?? describeStatement(text))}_${createHash('sha1').update(text).digest('hex').slice(0, 8)}`;
    this.names.set(key, name);
    return name;
  }
}

/** What a statement does, from its text alone: its verb and the first table it names. */
export function describeStatement(text: string): string {
  const verb = /^\s*(?:--[^\n]*\n\s*)*([A-Za-z]+)/.exec(text)?.[1]?.toLowerCase() ?? 'sql';
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+"([A-Za-z_][A-Za-z0-9_]*)"/i.exec(text)?.[1];
  return table ? `${verb}.${table}` : verb;
}

function readableName(readable: string): string {
  const cleaned = readable.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, MAX_READABLE);
  return cleaned === '' ? 'sql' : cleaned;
}
