import { join } from 'node:path';
import { Pool } from 'pg';
import type { RejectionEntry } from '@crossdock/connectors/domain';
import { applyMigrations, sql, SqlPool } from '@crossdock/persistence';
import { createTestDatabase, REPO_ROOT, type TestDatabase } from '@crossdock/testing';
import { SqlFeedStateStore } from './feed-state.sql-store';

const rejection = (sourceKey: string, seq: number | null, overrides: Partial<RejectionEntry> = {}): RejectionEntry => ({
  sourceKey,
  seq,
  dedupKey: `${sourceKey}#${seq ?? 'hash'}`,
  reason: 'NEGATIVE_ON_HAND',
  field: 'onHand',
  message: 'on-hand is -2',
  change: { itemNumber: sourceKey, onHand: -2 },
  resolved: false,
  ...overrides,
});

// Every connector declares the two tables the same way in its own schema: the store runs on each.
describe.each(['erp-connector', 'wms-connector'])('SqlFeedStateStore on %s’s database', (connector) => {
  let db: TestDatabase;
  let pool: Pool;
  let store: SqlFeedStateStore;

  beforeAll(async () => {
    db = await createTestDatabase(`${connector}-feed-state`);
    await applyMigrations(join(REPO_ROOT, 'apps', connector, 'prisma', 'schema.prisma'), db.url);
    pool = new Pool({ connectionString: db.url });
    store = new SqlFeedStateStore(new SqlPool(pool));
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  it('keeps one cursor per feed, the latest committed', async () => {
    expect(await store.loadCursor('stock')).toBeNull();
    await store.commit({ feed: 'stock', cursor: 'c-1', rejections: [], resolvedSourceKeys: [] });
    await store.commit({ feed: 'stock', cursor: 'c-2', rejections: [], resolvedSourceKeys: [] });
    await store.commit({ feed: 'items', cursor: 'i-1', rejections: [], resolvedSourceKeys: [] });
    // A resync page (cursor null) leaves the cursor alone.
    await store.commit({ feed: 'stock', cursor: null, rejections: [rejection('RESYNC-1', 1)], resolvedSourceKeys: [] });
    expect(await store.loadCursor('stock')).toBe('c-2');
    expect(await store.loadCursor('items')).toBe('i-1');
  });

  it('stores a page’s rejections once, however often the page is read, and resolves them when the record publishes', async () => {
    const before = Date.now();
    const page = [
      rejection('STOVE@01', 7),
      rejection('LANTERN@01', null, { reason: 'MISSING_SKU', field: 'sku', change: null }),
      rejection('TENT@01', 3, { resolved: true }),
    ];
    await store.commit({ feed: 'stock', cursor: 'c-3', rejections: page, resolvedSourceKeys: [] });
    await store.commit({ feed: 'stock', cursor: 'c-3', rejections: page, resolvedSourceKeys: [] });

    const open = await store.list({ feed: 'stock', status: 'open', limit: 100 });
    expect(open.map((r) => r.sourceKey)).toEqual(['LANTERN@01', 'STOVE@01', 'RESYNC-1']);
    const stove = open.find((r) => r.sourceKey === 'STOVE@01');
    expect(stove).toMatchObject({
      feed: 'stock',
      sourceSeq: 7,
      reason: 'NEGATIVE_ON_HAND',
      field: 'onHand',
      change: { itemNumber: 'STOVE@01', onHand: -2 },
      resolvedAt: null,
    });
    expect(Date.parse(stove?.rejectedAt ?? '')).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(stove?.rejectedAt ?? '')).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(open.find((r) => r.sourceKey === 'LANTERN@01')).toMatchObject({ sourceSeq: null, change: null });
    expect((await store.list({ status: 'resolved', limit: 100 })).map((r) => r.sourceKey)).toEqual(['TENT@01']);

    await store.commit({ feed: 'stock', cursor: 'c-4', rejections: [], resolvedSourceKeys: ['STOVE@01'] });
    const resolved = await store.list({ feed: 'stock', status: 'resolved', limit: 100 });
    expect(resolved.map((r) => r.sourceKey)).toEqual(['TENT@01', 'STOVE@01']);
    expect(resolved.find((r) => r.sourceKey === 'STOVE@01')?.resolvedAt).not.toBeNull();
  });

  it('filters by feed, reason and status, newest first, up to the limit', async () => {
    await store.commit({ feed: 'items', cursor: 'i-2', rejections: [rejection('ITEM-9', 1, { reason: 'MISSING_SKU' })], resolvedSourceKeys: [] });
    expect((await store.list({ status: 'all', reason: 'MISSING_SKU', limit: 100 })).map((r) => [r.feed, r.sourceKey])).toEqual([
      ['items', 'ITEM-9'],
      ['stock', 'LANTERN@01'],
    ]);
    expect((await store.list({ feed: 'items', status: 'all', limit: 100 })).map((r) => r.sourceKey)).toEqual(['ITEM-9']);
    expect(await store.list({ status: 'all', limit: 2 })).toHaveLength(2);
    const [count] = await new SqlPool(pool).query<{ n: bigint }>(sql`SELECT count(*) AS n FROM "SourceRejection"`);
    expect(count?.n).toBe(5n);
  });
});
