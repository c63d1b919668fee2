import type { FeedPage, SnapshotPage } from '@crossdock/connectors/domain';
import type { Sequence } from './sequence';

/** A change as the feed serves it: `seq`, `op` and the source's own key fields and record. */
export interface WireChange {
  readonly seq: number;
  readonly op: 'UPSERT' | 'DELETE';
  readonly [field: string]: unknown;
}

/** The token is from another incarnation of the log or ahead of it: answered 410 Gone. */
export class ExpiredFeedToken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpiredFeedToken';
  }
}

export class BadFeedRequest extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadFeedRequest';
  }
}

/**
 * One table of a simulated source system with its change log: every write appends a change with
 * the next sequence number, so "changes since <seq>" and a paged snapshot of current rows can be
 * served exactly as a real ERP/WMS change-data API would.
 */
export class ChangeFeedTable {
  private readonly log: WireChange[] = [];
  private readonly rows = new Map<string, WireChange>();

  constructor(private readonly sequence: Sequence) {}

  /** Writes a row; `build` gets the change's sequence number (the row's new version). */
  upsert(key: string, build: (seq: number) => WireChange): WireChange {
    const change = build(this.sequence.next());
    this.log.push(change);
    this.rows.set(key, change);
    return change;
  }

  /** Deletes a row if it exists; the change carries only the key fields. */
  delete(key: string, build: (seq: number) => WireChange): WireChange | undefined {
    if (!this.rows.has(key)) return undefined;
    const change = build(this.sequence.next());
    this.log.push(change);
    this.rows.delete(key);
    return change;
  }

  current(key: string): WireChange | undefined {
    return this.rows.get(key);
  }

  keys(): string[] {
    return [...this.rows.keys()];
  }

  get size(): number {
    return this.rows.size;
  }

  /** Every change ever written, oldest first (for assertions). */
  changes(): readonly WireChange[] {
    return this.log;
  }

  /** `since` is a token this log issued, or '0' for its beginning. */
  changesSince(since: string, limit: number): Omit<FeedPage, 'changes'> & { changes: WireChange[] } {
    const after = this.parseToken(since);
    checkLimit(limit);
    // The log is in sequence order: binary search for the first change after the token.
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.log[mid]?.seq ?? 0) <= after) low = mid + 1;
      else high = mid;
    }
    const changes = this.log.slice(low, low + limit);
    const last = changes.at(-1);
    return { changes, nextToken: last ? this.sequence.token(last.seq) : since, hasMore: low + limit < this.log.length };
  }

  private parseToken(token: string): number {
    if (token === '0') return 0;
    const match = /^([a-z0-9]+)-(\d+)$/.exec(token);
    if (!match) throw new BadFeedRequest('since', `since must be a token from this feed or 0, got '${token}'`);
    const seq = Number(match[2]);
    if (match[1] !== this.sequence.incarnation || seq > this.sequence.current()) {
      throw new ExpiredFeedToken(`token '${token}' is not from this change log (incarnation ${this.sequence.incarnation}); read the snapshot again`);
    }
    return seq;
  }

  /** Current rows in key order; `feedToken` is the head of the log at the time of this page. */
  snapshot(pageToken: string | null, limit: number): SnapshotPage {
    checkLimit(limit);
    const keys = [...this.rows.keys()].sort().filter((key) => pageToken === null || key > pageToken);
    const page = keys.slice(0, limit);
    return {
      records: page.map((key) => this.rows.get(key)),
      nextPageToken: keys.length > limit ? (page.at(-1) ?? null) : null,
      feedToken: this.sequence.token(),
    };
  }
}

function checkLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > 1000) throw new BadFeedRequest('limit', 'limit must be a whole number from 1 to 1000');
}
