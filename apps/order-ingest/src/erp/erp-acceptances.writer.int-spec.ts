import { join } from 'node:path';
import { Pool } from 'pg';
import { pgClientOptions, SqlPool } from '@crossdock/persistence';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crossdock/service-testing';
import type { OrderAcceptedDraft } from '@crossdock/order-ingest/domain';
import { sampleOrderAccepted } from '@crossdock/testing';
import { PrismaClient, type ErpQueueEntry } from '../generated/prisma/client';
import { type ErpAcceptance, recordAcceptances } from './erp-acceptances.writer';

const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

/** A draft as the rules write it, taken from a sample OrderAccepted without the ERP's confirmation. */
function draftFor(orderId: string): OrderAcceptedDraft {
  const { eventId: _e, outcomeSequence: _o, erpSystem: _s, erpOrderNumber: _n, submittedAt: _t, occurredAt: _a, ...rest } = sampleOrderAccepted({ orderId });
  return { ...rest, lines: rest.lines.map(({ erpLineNumber: _l, ...line }) => line) } as unknown as OrderAcceptedDraft;
}

describe('recording ERP acceptances on the migrated database', () => {
  let db: MigratedTestDatabase<PrismaClient>;
  let pool: Pool;
  let sql: SqlPool;

  beforeAll(async () => {
    db = await createMigratedTestDatabase('order_ingest_acceptances', SCHEMA_PATH, (url) => new PrismaClient(pgClientOptions(url)));
    pool = new Pool({ connectionString: db.url, max: 2 });
    sql = new SqlPool(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** An order and its submission as the drainer's claim leaves them: attempted, the entry still PENDING. */
  async function claimed(orderId: string): Promise<ErpAcceptance> {
    const recordedAt = new Date(Date.now() - 1_000);
    const draft = draftFor(orderId);
    await db.client.channelOrderRecord.create({
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
    const entry: ErpQueueEntry = await db.client.erpQueueEntry.create({
      data: { orderId, sequence: 1, kind: 'SUBMIT', payload: { externalId: orderId }, enqueuedAt: recordedAt, lastAttemptAt: recordedAt },
    });
    const stamp = { traceparent: null, correlationId: orderId, causationId: draft.causationId };
    return { row: entry, erpSystem: 'erp-sim', submission: { erpOrderNumber: `SO-${orderId}`, created: true }, stamp };
  }

  const stateOf = async (orderId: string) => ({
    order: await db.client.channelOrderRecord.findUniqueOrThrow({ where: { orderId }, select: { state: true, erpOrderNumber: true, outcomeSequence: true } }),
    entry: (await db.client.erpQueueEntry.findFirstOrThrow({ where: { orderId }, select: { status: true } })).status,
    events: (await db.client.eventOutbox.findMany({ where: { messageKey: orderId } })).map((e) => (e.payload as { outcomeSequence: number }).outcomeSequence),
  });

  it('records an order as the claim left it: entry DONE, order ACCEPTED, one OrderAccepted; the same answer again changes nothing', async () => {
    const acceptance = await claimed('O-unchanged');
    const [firstSeenAt] = await sql.transaction((tx) => recordAcceptances(tx, [acceptance]));
    expect(firstSeenAt).toBeInstanceOf(Date);
    expect(await stateOf('O-unchanged')).toEqual({
      order: { state: 'ACCEPTED', erpOrderNumber: 'SO-O-unchanged', outcomeSequence: 1 },
      entry: 'DONE',
      events: [1],
    });
    const [event] = await db.client.eventOutbox.findMany({ where: { messageKey: 'O-unchanged' } });
    expect(event).toMatchObject({ topic: 'ordersAccepted', correlationId: 'O-unchanged', publishedAt: null });

    expect(await sql.transaction((tx) => recordAcceptances(tx, [acceptance]))).toEqual([null]);
    expect((await stateOf('O-unchanged')).events).toEqual([1]);
  });

  it('records an order changed since the claim (a cancel request) the same way, keeping the change', async () => {
    const acceptance = await claimed('O-changed');
    await db.client.channelOrderRecord.update({ where: { orderId: 'O-changed' }, data: { cancelRequested: true, erpSequence: 2 } });

    await sql.transaction((tx) => recordAcceptances(tx, [acceptance]));
    expect(await stateOf('O-changed')).toEqual({
      order: { state: 'ACCEPTED', erpOrderNumber: 'SO-O-changed', outcomeSequence: 1 },
      entry: 'DONE',
      events: [1],
    });
    expect(await db.client.channelOrderRecord.findUniqueOrThrow({ where: { orderId: 'O-changed' }, select: { cancelRequested: true } })).toEqual({
      cancelRequested: true,
    });
  });

  it('announces an order that already published an outcome (a delay notice) with the next outcome sequence', async () => {
    const acceptance = await claimed('O-noticed');
    // What a delay notice leaves: an outcome published, the order otherwise as written.
    await pool.query(`UPDATE "ChannelOrderRecord" SET "outcomeSequence" = 1 WHERE "orderId" = 'O-noticed'`);

    await sql.transaction((tx) => recordAcceptances(tx, [acceptance]));
    expect(await stateOf('O-noticed')).toEqual({
      order: { state: 'ACCEPTED', erpOrderNumber: 'SO-O-noticed', outcomeSequence: 2 },
      entry: 'DONE',
      events: [2],
    });
  });
});
