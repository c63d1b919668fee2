import { Topics, type OrderAccepted, type TopicDefinition } from '@crossdock/contracts';
import { runWithCorrelation } from '@crossdock/observability';
import { sampleOrderAccepted } from '@crossdock/testing';
import { outboxBulkRows, outboxRow, writeOutboxEvents } from './outbox.writer';

describe('outbox rows', () => {
  const accepted: OrderAccepted = sampleOrderAccepted({ orderId: 'SHOPIFY:acme:7' });

  it("are keyed by the contract's key format and name the topic by its catalog key", () => {
    const row = outboxRow(Topics.ordersAccepted, accepted, {
      eventId: accepted.eventId,
      causationId: accepted.causationId,
      stamp: { traceparent: null, correlationId: undefined },
    });
    expect(row).toEqual({
      topic: 'ordersAccepted',
      messageKey: 'SHOPIFY:acme:7',
      eventId: accepted.eventId,
      payload: accepted,
      traceparent: null,
      correlationId: 'SHOPIFY:acme:7',
      causationId: accepted.causationId,
    });
  });

  it('take a multi-part key from the contract too, or from the writer when it says so', () => {
    const positions = { key: 'positions', messageKey: { format: '{sku}@{locationId}', description: '' } } as TopicDefinition<{
      sku: string;
      locationId: string;
    }>;
    const value = { sku: 'A@B', locationId: 'DC-1' };
    expect(outboxRow(positions, value, { eventId: 'e1' }).messageKey).toBe('A%40B@DC-1');
    expect(outboxRow(positions, value, { eventId: 'e1', key: (v) => v.locationId }).messageKey).toBe('DC-1');
  });

  it('carry the correlation of the work that wrote them', async () => {
    const row = await runWithCorrelation({ correlationId: 'corr-9' }, async () => outboxRow(Topics.ordersAccepted, accepted, { eventId: 'e9' }));
    expect(row.correlationId).toBe('corr-9');
    expect(row.causationId).toBeNull();
  });

  it("are written with one statement in the caller's transaction, none when there are none", async () => {
    const statements: Array<{ text: string; values: unknown[] }> = [];
    const tx = { $executeRawUnsafe: async (text: string, ...values: unknown[]) => (statements.push({ text, values }), 2) };
    const now = new Date('2026-12-01T10:00:00Z');
    const rows = [1, 2].map((n) => outboxRow(Topics.ordersAccepted, accepted, { eventId: `e${n}`, stamp: { traceparent: null, correlationId: undefined } }));
    expect(await writeOutboxEvents(tx, [], now)).toBe(0);
    expect(await writeOutboxEvents(tx, rows, now)).toBe(2);
    expect(statements).toHaveLength(1);
    expect(statements[0]?.text).toMatch(
      /^INSERT INTO "EventOutbox" \("topic", "messageKey", "eventId", "payload", "traceparent", "correlationId", "causationId", "createdAt"\)/,
    );
    expect(JSON.parse(statements[0]?.values[0] as string)).toEqual(outboxBulkRows(rows, now).rows.map((r) => JSON.parse(JSON.stringify(r))));
  });
});
