/**
 * Where a CompactedTable keeps its rows, and the table's rule, which every implementation keeps:
 * a record is kept only when its version is above the key's version (an equal version is a
 * redelivery, a lower one is late), and a tombstone drops the key's value. What a tombstone
 * leaves behind is the rows' choice (`MapRowsOptions.tombstone`). `MapRows` is the ordinary
 * implementation; a service whose table must be compact can keep the same rule in a structure
 * of its own.
 */
export interface TableRows<T> {
  /** Keeps `value` under `key` if `version` is above the key's version; true when it was kept. */
  put(key: string, value: T, version: number): boolean;
  /** Drops the key's value; true when a value was held. */
  delete(key: string): boolean;
}

/** Rows that can be read back by key: what `CompactedTable.get` and `size` need. */
export interface ReadableRows<T> extends TableRows<T> {
  get(key: string): T | undefined;
  /** Keys holding a value (watermarks of deleted keys not counted). */
  readonly size: number;
}

interface Row<T> {
  value: T | undefined;
  version: number;
}

export interface MapRowsOptions {
  /**
   * What a tombstone leaves of its key. `version` (the default): the version, as a watermark, so
   * a late older record cannot bring the key back. `nothing`: the key starts afresh, so a key
   * deleted and created again comes back whatever its version, as it does in a table rebuilt once
   * compaction has dropped the tombstone.
   */
  readonly tombstone?: 'version' | 'nothing';
}

/** Rows in a Map: one entry per key held (and per deleted key whose version is kept). */
export class MapRows<T> implements ReadableRows<T> {
  private readonly rows = new Map<string, Row<T>>();
  private readonly keepVersion: boolean;
  private present = 0;

  constructor(options: MapRowsOptions = {}) {
    this.keepVersion = (options.tombstone ?? 'version') === 'version';
  }

  put(key: string, value: T, version: number): boolean {
    const row = this.rows.get(key);
    if (row === undefined) {
      this.rows.set(key, { value, version });
      this.present++;
      return true;
    }
    if (version <= row.version) return false;
    if (row.value === undefined) this.present++;
    row.value = value;
    row.version = version;
    return true;
  }

  delete(key: string): boolean {
    const row = this.rows.get(key);
    if (row?.value === undefined) return false;
    if (this.keepVersion) row.value = undefined;
    else this.rows.delete(key);
    this.present--;
    return true;
  }

  get(key: string): T | undefined {
    return this.rows.get(key)?.value;
  }

  get size(): number {
    return this.present;
  }
}

/**
 * A table mirrored from a compacted topic: rebuilt from the topic up to its high-water mark at
 * start-up (`rebuildTables`), kept current by the live consumer, and ready only once the rebuild
 * is done, so nothing is decided against a half-read table. Versions, not arrival order, decide
 * (see `TableRows`), which makes a replayed or redelivered record harmless and lets the live
 * consumer and the rebuild apply the same record in either order.
 */
export class CompactedTable<T, R extends TableRows<T> = MapRows<T>> {
  private ready = false;
  private markReadyNow!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReadyNow = resolve));

  constructor(readonly rows: R) {}

  /** A record: kept when newer than what the key held; true when the table changed. */
  apply(key: string, value: T, version: number): boolean {
    return this.rows.put(key, value, version);
  }

  /** A tombstone: the key's value is dropped; true when there was one. */
  remove(key: string): boolean {
    return this.rows.delete(key);
  }

  get(this: CompactedTable<T, ReadableRows<T>>, key: string): T | undefined {
    return this.rows.get(key);
  }

  size(this: CompactedTable<T, ReadableRows<T>>): number {
    return this.rows.size;
  }

  isReady(): boolean {
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  /** The rebuild has read the topic to its high-water mark; waiting consumers may go on. */
  markReady(): void {
    this.ready = true;
    this.markReadyNow();
  }
}

/** A table whose rows live in a Map. */
export function inMemoryTable<T>(options: MapRowsOptions = {}): CompactedTable<T> {
  return new CompactedTable<T>(new MapRows<T>(options));
}
