import type { FeedPage, SnapshotPage } from '../feed/feed-wire.schema';
import type { RejectionEntry, TombstoneEntry, UpsertEntry } from './change-batch';

/**
 * The source no longer knows the cursor (its change log was truncated, restored from a backup or
 * replaced): changes since it cannot be read, so the feed must be re-read from a snapshot.
 */
export class CursorExpiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CursorExpiredError';
  }
}

/** The source system's change feed (HTTP in the apps, in memory in unit tests). */
export interface FeedSource {
  /** Rejects with CursorExpiredError when the source cannot serve changes since `cursor`. */
  changesSince(cursor: string, limit: number): Promise<FeedPage>;
  snapshot(pageToken: string | null, limit: number): Promise<SnapshotPage>;
}

/**
 * Publishes one batch to the feed's compacted topic. Resolves only once every record is
 * acknowledged by Kafka; rejecting or throwing leaves the cursor where it was.
 */
export interface FeedSink<TValue> {
  publish(batch: { readonly upserts: readonly UpsertEntry<TValue>[]; readonly tombstones: readonly TombstoneEntry[] }): Promise<void>;
}

export interface FeedCheckpoint {
  readonly feed: string;
  /** The new cursor; null keeps the stored one (a resync page records rejections only). */
  readonly cursor: string | null;
  readonly rejections: readonly RejectionEntry[];
  readonly resolvedSourceKeys: readonly string[];
}

/** The connector's own database: cursors and rejections, written together in one transaction. */
export interface FeedStateStore {
  loadCursor(feed: string): Promise<string | null>;
  commit(checkpoint: FeedCheckpoint): Promise<void>;
}
