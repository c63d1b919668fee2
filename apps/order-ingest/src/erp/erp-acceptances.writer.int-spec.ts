import { join } from 'node:path';
import { Pool } from 'pg';
import { applyMigrations, pgClientOptions, SqlPool } from '@crossdock/persistence';
import type { OrderAcceptedDraft } from '@crossdock/order-ingest/domain';
import { createTestDatabase, sampleOrderAccepted, type TestDatabase } from '@crossdock/testing';
import { PrismaClient, type ErpQueueEntry } from '../generated/prisma/client';
import { OutboxHandover } from '../outbox/outbox-handover';
import { type ErpAcceptance, recordAcceptances, recordUnchangedAcceptances } from './erp-acceptances.writer';

const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

/** A draft as the rules write it, taken from a sample OrderAccepted without the ERP's confirmation. */
function draftFor(orderId: string): OrderAcceptedDraft {
  const { eventId: _e, outcomeSequence: _o, erpSystem: _s, erpOrderNumber: _n, submittedAt: _t, occurredAt: _a, ...rest } = sampleOrderAccepted({ orderId });
  return { ...rest, lines: rest.lines.map(({ erpLineNumber: _l, ...line }) => line) } as unknown as OrderAcceptedDraft;
}

describe('recording ERP acceptances on the migrated database', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let pool: Pool;
  let sql: SqlPool;

  beforeAll(async () => {
    db = await createTestDatabase('order_ingest_acceptances');
    await applyMigrations(SCHEMA_PATH, db.url);
    prisma = new PrismaClient(pgClientOptions(db.url));
    pool = new Pool({ connectionString: db.url, max: 2 });
    sql = new SqlPool(pool);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await pool?.end();
    await db?.drop();
  });

  /** An order and its submission as the intake writes them when it sends the submission at once. */
  async function sentAtOnce(orderId: string): Promise<ErpAcceptance> {
    const recordedAt = new Date(Date.now() - 1_000);
    const draft = draftFor(orderId);
    await prisma.channelOrderRecord.create({
      data: {
        orderId,
        channel: 'SHOPIFY',
        channelAccountId: 'acme',
        channelOrderId: orderId,
        state: 'SUBMISSION_PENDING',
        snapshotOccurredAt: 1n,
        draft: draft as never,
        erpAttempted: true,
        erpSequence: 1,
        firstSeenAt: recordedAt,
        stateChangedAt: recordedAt,
        updatedAt: recordedAt,
      },
    });
    const entry: ErpQueueEntry = await prisma.erpQueueEntry.create({
      data: { orderId, sequence: 1, kind: 'SUBMIT', payload: { externalId: orderId }, enqueuedAt: recordedAt, lastAttemptAt: recordedAt },
    });
    const stamp = { traceparent: null, correlationId: orderId, causationId: draft.causationId };
    return { row: entry, erpSystem: 'erp-sim', submission: { erpOrderNumber: `SO-${orderId}`, created: true }, stamp, sentAtOnce: { draft, recordedAt } };
  }

  /** A leading relay's hand-over, counting what it was asked to do. */
  function relay() {
    const asked = { publish: 0, scan: 0 };
    const handover = new OutboxHandover({ readyToPublish: () => (asked.publish += 1), scanNeeded: () => (asked.scan += 1) });
    handover.lead();
    return { handover, asked };
  }

  const stateOf = async (orderId: string) => ({
    order: await prisma.channelOrderRecord.findUniqueOrThrow({ where: { orderId }, select: { state: true, erpOrderNumber: true, outcomeSequence: true } }),
    entry: (await prisma.erpQueueEntry.findFirstOrThrow({ where: { orderId }, select: { status: true } })).status,
    events: (await prisma.eventOutbox.findMany({ where: { messageKey: orderId } })).map((e) => (e.payload as { outcomeSequence: number }).outcomeSequence),
  });

  it('records an unchanged order with one statement: entry DONE, order ACCEPTED, one OrderAccepted, handed to the relay as stored', async () => {
    const acceptance = await sentAtOnce('O-unchanged');
    const { handover, asked } = relay();

    expect(await recordUnchangedAcceptances(sql, [acceptance], handover)).toEqual(new Set([acceptance.row.id.toString()]));
    expect(await stateOf('O-unchanged')).toEqual({
      order: { state: 'ACCEPTED', erpOrderNumber: 'SO-O-unchanged', outcomeSequence: 1 },
      entry: 'DONE',
      events: [1],
    });
    // What the relay publishes from memory is the row a scan would have read.
    const stored = await prisma.eventOutbox.findMany({
      where: { messageKey: 'O-unchanged' },
      select: { id: true, topic: true, messageKey: true, eventId: true, payload: true, traceparent: true, correlationId: true, causationId: true },
    });
    expect(handover.takeReady()).toEqual(stored);
    expect(asked).toEqual({ publish: 1, scan: 0 });
    // The same answer again changes nothing, on either path.
    expect(await recordUnchangedAcceptances(sql, [acceptance], relay().handover)).toEqual(new Set());
    expect(await sql.transaction((tx) => recordAcceptances(tx, [acceptance]))).toEqual([null]);
    expect((await stateOf('O-unchanged')).events).toEqual([1]);
  });

  it('leaves an order changed since the intake wrote it (a cancel request) to the locking path, which records it', async () => {
    const acceptance = await sentAtOnce('O-changed');
    await prisma.channelOrderRecord.update({ where: { orderId: 'O-changed' }, data: { cancelRequested: true, erpSequence: 2 } });
    const { handover, asked } = relay();
    let reserved: readonly string[] = [];
    const watched = { reserve: (ids: readonly string[]) => ((reserved = ids), handover.reserve(ids)) };

    expect(await recordUnchangedAcceptances(sql, [acceptance], watched)).toEqual(new Set());
    // Nothing handed over, and the reservation given back (a scan no longer stops at it).
    expect(reserved).toHaveLength(1);
    expect(handover.releasable([{ id: 1n, eventId: reserved[0] } as never]).cut).toBe(false);
    expect(handover.takeReady()).toEqual([]);
    expect(asked).toEqual({ publish: 0, scan: 1 });
    expect(await stateOf('O-changed')).toEqual({ order: { state: 'SUBMISSION_PENDING', erpOrderNumber: null, outcomeSequence: 0 }, entry: 'PENDING', events: [] });

    await sql.transaction((tx) => recordAcceptances(tx, [acceptance]));
    expect(await stateOf('O-changed')).toEqual({ order: { state: 'ACCEPTED', erpOrderNumber: 'SO-O-changed', outcomeSequence: 1 }, entry: 'DONE', events: [1] });
  });

  it('does not announce an order that already published an outcome (a delay notice) as if it were the first', async () => {
    const acceptance = await sentAtOnce('O-noticed');
    // What a delay notice leaves: an outcome published, the order otherwise as written.
    await pool.query(`UPDATE "ChannelOrderRecord" SET "outcomeSequence" = 1 WHERE "orderId" = 'O-noticed'`);

    expect(await recordUnchangedAcceptances(sql, [acceptance], relay().handover)).toEqual(new Set());
    await sql.transaction((tx) => recordAcceptances(tx, [acceptance]));
    expect(await stateOf('O-noticed')).toEqual({ order: { state: 'ACCEPTED', erpOrderNumber: 'SO-O-noticed', outcomeSequence: 2 }, entry: 'DONE', events: [2] });
  });
});
