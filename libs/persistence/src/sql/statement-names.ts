import { createHash } from 'node:crypto';

/**
 * Names for prepared statements, one per statement text: with a name, node-postgres has PostgreSQL
 * parse a statement once per connection and afterwards only binds and executes it, and PostgreSQL
 * may keep its plan. For the large per-order statements (multi-table inserts, data-modifying CTEs)
 * parsing and planning was a fifth to a quarter of the database's CPU per order.
 *
 * Texts come from code (values are always parameters), so there are few; past `capacity` a text
 * stays unnamed, so that a caller building texts at run time cannot grow every connection's
 * statement cache without bound.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();

  constructor(private readonly capacity = 500) {}

  nameOf(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.capacity) return known;
    const name = `cd_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }
}
