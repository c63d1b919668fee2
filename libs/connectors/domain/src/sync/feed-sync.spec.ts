import type { ItemMaster } from '@crossdock/contracts';
import type { ErpItemRecord, FeedPage, SnapshotPage } from '../feed/feed-wire.schema';
import { erpItemMapper } from '../mapping/erp-item.mapper';
import { erpItemChange } from '../testing/sample-changes';
import type { RejectionEntry, TombstoneEntry, UpsertEntry } from './change-batch';
import { FeedSync } from './feed-sync';
import { CursorExpiredError, type FeedCheckpoint, type FeedSink, type FeedSource, type FeedStateStore } from './feed-sync.ports';

/** An ERP item feed in memory: a change log plus current rows, paged like the real API. */
class FakeItemFeed implements FeedSource {
  readonly log: unknown[] = [];
  private readonly rows = new Map<string, unknown>();
  private seq = 0;
  down = false;
  /** Cursors below this are no longer served (a truncated or replaced change log). */
  forgottenBelow = 0;
  /** Runs once before the second snapshot page is served (a change racing the initial load). */
  beforeSecondSnapshotPage: (() => void) | undefined;

  put(sku: string, record: Partial<ErpItemRecord> = {}): number {
    const change = erpItemChange(++this.seq, { itemNumber: sku, ...record });
    this.log.push(change);
    this.rows.set(sku, change);
    return this.seq;
  }

  delete(sku: string): void {
    this.log.push({ seq: ++this.seq, op: 'DELETE', itemNumber: sku, record: null });
    this.rows.delete(sku);
  }

  raw(change: unknown, key: string): void {
    this.seq += 1;
    this.log.push(change);
    this.rows.set(key, change);
  }

  async changesSince(cursor: string, limit: number): Promise<FeedPage> {
    if (this.down) throw new Error('ERP answered 503');
    if (Number(cursor) < this.forgottenBelow) throw new CursorExpiredError(`cursor ${cursor} is no longer in the change log`);
    const after = this.log.filter((c) => (c as { seq: number }).seq > Number(cursor));
    const changes = after.slice(0, limit);
    const last = changes.at(-1) as { seq: number } | undefined;
    return { changes, nextToken: last ? String(last.seq) : cursor, hasMore: after.length > limit };
  }

  async snapshot(pageToken: string | null, limit: number): Promise<SnapshotPage> {
    if (this.down) throw new Error('ERP answered 503');
    if (pageToken !== null && this.beforeSecondSnapshotPage) {
      this.beforeSecondSnapshotPage();
      this.beforeSecondSnapshotPage = undefined;
    }
    const keys = [...this.rows.keys()].sort().filter((k) => pageToken === null || k > pageToken);
    const page = keys.slice(0, limit);
    return {
      records: page.map((k) => this.rows.get(k)),
      nextPageToken: keys.length > limit ? (page.at(-1) ?? null) : null,
      feedToken: String(this.seq),
    };
  }
}

class FakeSink implements FeedSink<ItemMaster> {
  readonly batches: Array<{ upserts: readonly UpsertEntry<ItemMaster>[]; tombstones: readonly TombstoneEntry[] }> = [];
  failNext = false;

  async publish(batch: { upserts: readonly UpsertEntry<ItemMaster>[]; tombstones: readonly TombstoneEntry[] }): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('Kafka unavailable');
    }
    this.batches.push(batch);
  }

  skus(): string[] {
    return this.batches.flatMap((b) => b.upserts.map((u) => `${u.value.sku}#${u.value.version}`));
  }

  clear(): void {
    this.batches.length = 0;
  }
}

class FakeStore implements FeedStateStore {
  readonly cursors = new Map<string, string>();
  readonly rejections = new Map<string, RejectionEntry>();
  readonly commits: FeedCheckpoint[] = [];
  failNextCommit = false;

  async loadCursor(feed: string): Promise<string | null> {
    return this.cursors.get(feed) ?? null;
  }

  async commit(checkpoint: FeedCheckpoint): Promise<void> {
    if (this.failNextCommit) {
      this.failNextCommit = false;
      throw new Error('process killed before the cursor was saved');
    }
    this.commits.push(checkpoint);
    for (const r of checkpoint.rejections) if (!this.rejections.has(r.dedupKey)) this.rejections.set(r.dedupKey, r);
    if (checkpoint.cursor !== null) this.cursors.set(checkpoint.feed, checkpoint.cursor);
  }
}

describe('FeedSync', () => {
  let feed: FakeItemFeed;
  let sink: FakeSink;
  let store: FakeStore;
  let sync: FeedSync<ItemMaster>;

  beforeEach(() => {
    feed = new FakeItemFeed();
    sink = new FakeSink();
    store = new FakeStore();
    sync = new FeedSync({ feed: 'items', source: feed, mapper: erpItemMapper({ sourceSystem: 'erp' }), sink, store, pageSize: 2 });
  });

  it('starts with the snapshot, then follows the feed from the head it reported', async () => {
    for (const sku of ['A', 'B', 'C']) feed.put(sku);
    feed.put('A', { description: 'renamed' });
    const first = await sync.pollOnce();
    expect(first).toMatchObject({ mode: 'initial-load', pages: 2, upserts: 3, cursor: '4' });
    expect(sink.skus().sort()).toEqual(['A#4', 'B#2', 'C#3']);

    sink.clear();
    expect(await sync.pollOnce()).toMatchObject({ mode: 'changes', pages: 0, upserts: 0, cursor: '4' });
    expect(sink.batches).toEqual([]);
  });

  it('publishes changes after the cursor page by page, saving the cursor after each page', async () => {
    await sync.pollOnce();
    for (const sku of ['A', 'B', 'C', 'D', 'E']) feed.put(sku);
    const report = await sync.pollOnce();
    expect(report).toMatchObject({ pages: 3, upserts: 5, cursor: '5' });
    expect(store.commits.map((c) => c.cursor)).toEqual(['0', '2', '4', '5']);
    expect(sink.batches.map((b) => b.upserts.length)).toEqual([2, 2, 1]);
  });

  it('re-publishes a page whose cursor was not saved (crash after publishing) and skips nothing', async () => {
    await sync.pollOnce();
    for (const sku of ['A', 'B', 'C']) feed.put(sku);
    store.failNextCommit = true;
    await expect(sync.pollOnce()).rejects.toThrow('process killed');
    expect(sink.skus()).toEqual(['A#1', 'B#2']);
    expect(store.cursors.get('items')).toBe('0');

    await sync.pollOnce();
    // A and B twice (same versions: consumers ignore the repeat), C once, nothing missing.
    expect(sink.skus()).toEqual(['A#1', 'B#2', 'A#1', 'B#2', 'C#3']);
    expect(store.cursors.get('items')).toBe('3');
  });

  it('leaves the cursor and the rejections untouched when publishing fails', async () => {
    await sync.pollOnce();
    feed.put('A');
    feed.put('B', { baseUom: '' });
    sink.failNext = true;
    await expect(sync.pollOnce()).rejects.toThrow('Kafka unavailable');
    expect(store.cursors.get('items')).toBe('0');
    expect(store.rejections.size).toBe(0);
    await sync.pollOnce();
    expect(sink.skus()).toEqual(['A#1']);
    expect([...store.rejections.values()].map((r) => r.reason)).toEqual(['MISSING_UNIT_OF_MEASURE']);
  });

  it('rejects bad records with their reason and still publishes the rest of the page', async () => {
    await sync.pollOnce();
    feed.put('A');
    feed.raw({ seq: 2, op: 'UPSERT', itemNumber: '', record: { ...erpItemChange(2).record, itemNumber: '' } }, '#bad');
    feed.put('C', { safetyStockQty: -3 });
    feed.put('D');
    const report = await sync.pollOnce();
    expect(report).toMatchObject({ upserts: 2, rejected: 2, cursor: '4' });
    expect(sink.skus()).toEqual(['A#1', 'D#4']);
    expect([...store.rejections.values()].map((r) => [r.sourceKey, r.reason])).toEqual([
      ['(missing itemNumber)', 'MISSING_SKU'],
      ['C', 'NEGATIVE_QUANTITY'],
    ]);
  });

  it('publishes deletions as tombstones', async () => {
    feed.put('A');
    await sync.pollOnce();
    feed.delete('A');
    await sync.pollOnce();
    expect(sink.batches.at(-1)).toEqual({ upserts: [], tombstones: [{ key: 'A', sourceKey: 'A', seq: 2 }] });
  });

  it('reads again from the feed a change made while the snapshot was being paged', async () => {
    for (const sku of ['A', 'B', 'C']) feed.put(sku);
    // A changes after page one (A, B) was read: the snapshot's head (3) predates it.
    feed.beforeSecondSnapshotPage = () => feed.put('A', { description: 'changed during the load' });
    await sync.pollOnce();
    expect(store.cursors.get('items')).toBe('3');
    await sync.pollOnce();
    expect(sink.skus()).toContain('A#4');
  });

  it('resync republishes the whole snapshot and leaves the cursor where it was', async () => {
    for (const sku of ['A', 'B', 'C']) feed.put(sku);
    await sync.pollOnce();
    feed.put('D');
    await sync.pollOnce();
    sink.clear();
    const report = await sync.resync();
    expect(report).toMatchObject({ mode: 'resync', upserts: 4, cursor: null });
    expect(sink.skus().sort()).toEqual(['A#1', 'B#2', 'C#3', 'D#4']);
    expect(store.cursors.get('items')).toBe('4');
  });

  it('loads the snapshot again and resets the cursor when the source no longer knows the cursor', async () => {
    for (const sku of ['A', 'B']) feed.put(sku);
    await sync.pollOnce();
    feed.put('C');
    feed.put('A', { description: 'changed after the log was cut' });
    feed.forgottenBelow = 4;
    sink.clear();
    const report = await sync.pollOnce();
    expect(report).toMatchObject({ mode: 'rebaseline', upserts: 3, cursor: '4' });
    expect(sink.skus().sort()).toEqual(['A#4', 'B#2', 'C#3']);
    expect(store.cursors.get('items')).toBe('4');
  });

  it('fails the poll (for the poller to back off) when the source is down, keeping the cursor', async () => {
    feed.put('A');
    await sync.pollOnce();
    feed.down = true;
    await expect(sync.pollOnce()).rejects.toThrow('503');
    expect(store.cursors.get('items')).toBe('1');
  });

  it('stops between pages when asked to', async () => {
    await sync.pollOnce();
    for (const sku of ['A', 'B', 'C', 'D']) feed.put(sku);
    expect(await sync.pollOnce({ shouldStop: () => true })).toMatchObject({ pages: 1, cursor: '2' });
  });
});
