import type { FeedCheckpoint, FeedStateStore } from '@crossdock/connectors/domain';
import { sql, type SqlExecutor, type SqlPool, type SqlStatement } from '@crossdock/persistence';
import type { RejectionFilter, RejectionLog, RejectionStatus, RejectionView } from './rejection-log';

interface RejectionRow {
  readonly id: bigint;
  readonly feed: string;
  readonly sourceKey: string;
  readonly sourceSeq: bigint | null;
  readonly reason: string;
  readonly field: string;
  readonly message: string;
  readonly change: unknown;
  readonly rejectedAt: Date;
  readonly resolvedAt: Date | null;
}

// Constant text per status, so each keeps its plain condition and the (resolvedAt, id) index.
const STATUS_CONDITION: Record<RejectionStatus, string> = {
  open: '"resolvedAt" IS NULL',
  resolved: '"resolvedAt" IS NOT NULL',
  all: 'TRUE',
};

/**
 * Cursors and rejections in a connector's database (tables `FeedCursor` and `SourceRejection`,
 * which every connector's Prisma schema declares the same way); one transaction per page. In SQL
 * rather than through each app's generated Prisma client, so both connectors share one store.
 * Times are written as UTC wall time, as Prisma stores DateTime.
 */
export class SqlFeedStateStore implements FeedStateStore, RejectionLog {
  constructor(private readonly db: SqlPool) {}

  async loadCursor(feed: string): Promise<string | null> {
    const [row] = await this.db.query<{ cursor: string }>(sql`SELECT "cursor" FROM "FeedCursor" WHERE "feed" = ${feed}`);
    return row?.cursor ?? null;
  }

  async commit({ feed, cursor, rejections, resolvedSourceKeys }: FeedCheckpoint): Promise<void> {
    if (rejections.length === 0 && resolvedSourceKeys.length === 0 && cursor === null) return;
    const now = new Date().toISOString();
    await this.db.transaction(async (tx) => {
      if (rejections.length > 0) await insertRejections(tx, feed, rejections, now);
      if (resolvedSourceKeys.length > 0) {
        await tx.query(sql`
          UPDATE "SourceRejection" SET "resolvedAt" = ${now}::timestamp
          WHERE "feed" = ${feed} AND "sourceKey" = ANY(${[...resolvedSourceKeys]}::text[]) AND "resolvedAt" IS NULL`);
      }
      if (cursor !== null) {
        await tx.query(sql`
          INSERT INTO "FeedCursor" ("feed", "cursor", "updatedAt") VALUES (${feed}, ${cursor}, ${now}::timestamp)
          ON CONFLICT ("feed") DO UPDATE SET "cursor" = EXCLUDED."cursor", "updatedAt" = EXCLUDED."updatedAt"`);
      }
    });
  }

  async list({ feed, status, reason, limit }: RejectionFilter): Promise<RejectionView[]> {
    const statement: SqlStatement = {
      text: `SELECT "id", "feed", "sourceKey", "sourceSeq", "reason", "field", "message", "change", "rejectedAt", "resolvedAt"
        FROM "SourceRejection"
        WHERE ${STATUS_CONDITION[status]} AND ($1::text IS NULL OR "feed" = $1) AND ($2::text IS NULL OR "reason" = $2)
        ORDER BY "id" DESC LIMIT $3`,
      values: [feed ?? null, reason ?? null, limit],
    };
    const rows = await this.db.query<RejectionRow>(statement);
    return rows.map((row) => ({
      id: row.id.toString(),
      feed: row.feed,
      sourceKey: row.sourceKey,
      sourceSeq: row.sourceSeq === null ? null : Number(row.sourceSeq),
      reason: row.reason,
      field: row.field,
      message: row.message,
      change: row.change,
      rejectedAt: row.rejectedAt.toISOString(),
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
    }));
  }
}

/** All of a page's rejections with one statement; a page re-read after a crash stores them once. */
function insertRejections(tx: SqlExecutor, feed: string, rejections: FeedCheckpoint['rejections'], now: string): Promise<unknown> {
  const rows = JSON.stringify(
    rejections.map((r) => ({
      dedupKey: r.dedupKey,
      sourceKey: r.sourceKey,
      sourceSeq: r.seq,
      reason: r.reason,
      field: r.field,
      message: r.message,
      change: r.change ?? null,
      resolved: r.resolved,
    })),
  );
  return tx.query(sql`
    INSERT INTO "SourceRejection" ("feed", "dedupKey", "sourceKey", "sourceSeq", "reason", "field", "message", "change", "rejectedAt", "resolvedAt")
    SELECT ${feed}, r."dedupKey", r."sourceKey", r."sourceSeq", r."reason", r."field", r."message", COALESCE(r."change", 'null'::jsonb),
           ${now}::timestamp, CASE WHEN r."resolved" THEN ${now}::timestamp END
    FROM jsonb_to_recordset(${rows}::jsonb)
      AS r("dedupKey" text, "sourceKey" text, "sourceSeq" bigint, "reason" text, "field" text, "message" text, "change" jsonb, "resolved" boolean)
    ON CONFLICT ("feed", "dedupKey") DO NOTHING`);
}
