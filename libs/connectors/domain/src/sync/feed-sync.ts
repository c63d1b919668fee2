import type { FeedPage } from '../feed/feed-wire.schema';
import type { FeedMapper } from '../mapping/mapping-outcome';
import { planBatch, type RejectionEntry } from './change-batch';
import { CursorExpiredError, type FeedSink, type FeedSource, type FeedStateStore } from './feed-sync.ports';

/** `rebaseline`: the source forgot our cursor, so its snapshot is loaded again and the cursor reset. */
export type SyncMode = 'changes' | 'initial-load' | 'resync' | 'rebaseline';

export interface PageReport {
  readonly feed: string;
  readonly mode: SyncMode;
  readonly changes: number;
  readonly upserts: number;
  readonly tombstones: number;
  readonly rejections: readonly RejectionEntry[];
  /** The cursor after the page (unchanged by resync pages). */
  readonly cursor: string | null;
}

export interface SyncReport {
  readonly feed: string;
  readonly mode: SyncMode;
  readonly pages: number;
  readonly changes: number;
  readonly upserts: number;
  readonly tombstones: number;
  readonly rejected: number;
  readonly cursor: string | null;
}

export interface FeedSyncOptions<TValue> {
  /** Name of the feed, also its cursor's row: `items`, `stock`, `inventory`. */
  readonly feed: string;
  readonly source: FeedSource;
  readonly mapper: FeedMapper<TValue>;
  readonly sink: FeedSink<TValue>;
  readonly store: FeedStateStore;
  readonly pageSize: number;
  /** Called after each page is published and committed (metrics, logs). */
  readonly onPage?: (report: PageReport) => void;
}

/**
 * One feed of a connector: changes since the durable cursor -> contract -> Kafka -> cursor.
 *
 * Publish first, save the cursor after. A crash in between re-reads the page on restart and
 * publishes the same records again: harmless on a compacted topic (same key, same version, which
 * consumers ignore as a duplicate), whereas saving first could skip records for good.
 *
 * With no cursor yet, the first poll loads the source's snapshot and then follows the feed from
 * the head it reported when the snapshot began; changes made while the snapshot was paged are
 * read again from the feed, so none are missed. A resync republishes the snapshot without moving
 * the cursor: the feed keeps supplying whatever changes afterwards. When the source no longer
 * knows the cursor (CursorExpiredError), the snapshot is loaded again and the cursor reset to its
 * head ('rebaseline'); what was deleted meanwhile cannot be told from a snapshot, so it is not
 * tombstoned (a resync cannot do it either; see the README).
 */
export class FeedSync<TValue> {
  constructor(private readonly options: FeedSyncOptions<TValue>) {
    if (!Number.isSafeInteger(options.pageSize) || options.pageSize < 1) throw new Error('pageSize must be a positive integer');
  }

  get feed(): string {
    return this.options.feed;
  }

  cursor(): Promise<string | null> {
    return this.options.store.loadCursor(this.options.feed);
  }

  /**
   * Reads and publishes until the feed has nothing more (or `shouldStop` says so between pages);
   * the initial load when there is no cursor.
   */
  async pollOnce({ shouldStop = () => false }: { shouldStop?: () => boolean } = {}): Promise<SyncReport> {
    const stored = await this.cursor();
    if (stored === null) return this.loadSnapshot('initial-load', true);
    let report = emptyReport(this.options.feed, 'changes', stored);
    let cursor = stored;
    for (;;) {
      let page: FeedPage;
      try {
        page = await this.options.source.changesSince(cursor, this.options.pageSize);
      } catch (error) {
        if (!(error instanceof CursorExpiredError)) throw error;
        // Nothing after the cursor can be read any more: only the full current state is safe.
        return combine(report, await this.loadSnapshot('rebaseline', true));
      }
      if (page.changes.length === 0 && page.nextToken === cursor) break;
      const pageReport = await this.publishPage('changes', page.changes, page.nextToken);
      cursor = page.nextToken;
      report = add(report, pageReport);
      if (!page.hasMore || shouldStop()) break;
    }
    return report;
  }

  /** Republishes the whole current state; sets the cursor only if there was none. */
  async resync(): Promise<SyncReport> {
    const stored = await this.cursor();
    return this.loadSnapshot('resync', stored === null);
  }

  private async loadSnapshot(mode: SyncMode, setCursor: boolean): Promise<SyncReport> {
    let report = emptyReport(this.options.feed, mode, null);
    let pageToken: string | null = null;
    let head: string | undefined;
    do {
      const page = await this.options.source.snapshot(pageToken, this.options.pageSize);
      // The head when paging began: later pages may show newer state, never older than this.
      head ??= page.feedToken;
      pageToken = page.nextPageToken;
      const last = pageToken === null;
      report = add(report, await this.publishPage(mode, page.records, last && setCursor ? head : null));
    } while (pageToken !== null);
    return report;
  }

  private async publishPage(mode: SyncMode, changes: readonly unknown[], cursor: string | null): Promise<PageReport> {
    const plan = planBatch(changes.map((change) => this.options.mapper(change)));
    if (plan.upserts.length > 0 || plan.tombstones.length > 0) {
      await this.options.sink.publish({ upserts: plan.upserts, tombstones: plan.tombstones });
    }
    await this.options.store.commit({
      feed: this.options.feed,
      cursor,
      rejections: plan.rejections,
      resolvedSourceKeys: plan.resolvedSourceKeys,
    });
    const report: PageReport = {
      feed: this.options.feed,
      mode,
      changes: changes.length,
      upserts: plan.upserts.length,
      tombstones: plan.tombstones.length,
      rejections: plan.rejections,
      cursor,
    };
    this.options.onPage?.(report);
    return report;
  }
}

function combine(before: SyncReport, after: SyncReport): SyncReport {
  return {
    ...after,
    pages: before.pages + after.pages,
    changes: before.changes + after.changes,
    upserts: before.upserts + after.upserts,
    tombstones: before.tombstones + after.tombstones,
    rejected: before.rejected + after.rejected,
  };
}

function emptyReport(feed: string, mode: SyncMode, cursor: string | null): SyncReport {
  return { feed, mode, pages: 0, changes: 0, upserts: 0, tombstones: 0, rejected: 0, cursor };
}

function add(report: SyncReport, page: PageReport): SyncReport {
  return {
    ...report,
    pages: report.pages + 1,
    changes: report.changes + page.changes,
    upserts: report.upserts + page.upserts,
    tombstones: report.tombstones + page.tombstones,
    rejected: report.rejected + page.rejections.length,
    cursor: page.cursor ?? report.cursor,
  };
}
