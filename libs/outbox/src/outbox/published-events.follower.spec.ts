import type { SqlStatement } from '@crossdock/persistence';
import { waitFor } from '@crossdock/testing';
import { PublishedEventsFollower, type PublishedEvent } from './published-events.follower';

interface OutboxRow {
  id: bigint;
  topic: string;
  createdAt: Date;
  publishedAt: Date | null;
  payload: Record<string, unknown>;
}

/**
 * The outbox table as the follower's statements see it: the start (highest id) and the follow
 * (published rows after an id, of some topics, some payload fields, up to a batch), answered the
 * way PostgreSQL answers them. The statements themselves run on PostgreSQL in the lib's integration test.
 */
class FakeOutbox {
  readonly rows: OutboxRow[] = [];
  readonly names: Array<string | undefined> = [];
  failNextFollow = false;

  write(topic: string, payload: Record<string, unknown> = {}, createdAt = new Date('2026-12-07T10:00:00Z')): bigint {
    const id = BigInt(this.rows.length + 1);
    this.rows.push({ id, topic, createdAt, publishedAt: null, payload });
    return id;
  }

  publish(id: bigint, publishedAt = new Date('2026-12-07T10:00:02Z')): void {
    const row = this.rows.find((r) => r.id === id);
    if (row) row.publishedAt = publishedAt;
  }

  async query<T>(statement: SqlStatement): Promise<T[]> {
    this.names.push(statement.name);
    if (statement.text.includes('max("id")')) {
      return [{ id: this.rows[this.rows.length - 1]?.id ?? null }] as T[];
    }
    if (this.failNextFollow) {
      this.failNextFollow = false;
      throw new Error('connection reset');
    }
    const [after, topics, fields, limit] = statement.values as [string, string[] | null, string[] | null, number];
    return this.rows
      .filter((r) => r.id > BigInt(after) && r.publishedAt !== null && (topics === null || topics.includes(r.topic)))
      .slice(0, limit)
      .map((r) => ({ ...r, payload: fields === null ? r.payload : Object.fromEntries(fields.map((f) => [f, r.payload[f] ?? null])) }) as T);
  }
}

describe('PublishedEventsFollower', () => {
  let outbox: FakeOutbox;
  let relay: { leading: boolean };
  let observed: Array<PublishedEvent<Record<string, unknown>>>;
  let warnings: string[];

  const follower = (
    options: { topics?: string[]; payloadFields?: string[]; batchSize?: number; observe?: (e: PublishedEvent<Record<string, unknown>>) => void } = {},
  ) =>
    new PublishedEventsFollower<Record<string, unknown>>({
      db: outbox,
      relay,
      everyMs: 10,
      logger: { warn: (_context: unknown, message?: string) => void warnings.push(message ?? '') },
      name: 'publish lag',
      observe: (event) => observed.push(event),
      ...options,
    });

  beforeEach(() => {
    outbox = new FakeOutbox();
    relay = { leading: true };
    observed = [];
    warnings = [];
  });

  it('starts after the rows already written, then observes each newly published row once, in id order', async () => {
    const before = outbox.write('trackingUpdates');
    const f = follower();
    expect(await f.followOnce()).toBe(0);
    outbox.publish(before);

    const first = outbox.write('trackingUpdates', { trackingNumber: '1Z1' }, new Date('2026-12-07T10:00:00.250Z'));
    const second = outbox.write('trackingUpdates', { trackingNumber: '1Z2' });
    outbox.publish(second);
    expect(await f.followOnce()).toBe(1);
    // The relay publishes in id order: the lower id is published by now too, but the follower has moved past it.
    outbox.publish(first);
    expect(await f.followOnce()).toBe(0);

    const third = outbox.write('trackingUpdates');
    outbox.publish(third, new Date('2026-12-07T10:00:05Z'));
    expect(await f.followOnce()).toBe(1);
    expect(await f.followOnce()).toBe(0);

    expect(observed.map((e) => e.id)).toEqual([second, third]);
    expect(observed[0]).toEqual({
      id: second,
      topic: 'trackingUpdates',
      createdAt: new Date('2026-12-07T10:00:00Z'),
      publishedAt: new Date('2026-12-07T10:00:02Z'),
      payload: { trackingNumber: '1Z2' },
    });
    expect(outbox.names).toEqual(['outbox.published-start', ...Array(5).fill('outbox.published-follow')]);
  });

  it('follows only the topics it names and hands over only the payload fields it names', async () => {
    const f = follower({ topics: ['shipmentMilestones', 'channelShipmentUpdates'], payloadFields: ['milestone', 'sourceOccurredAt'] });
    await f.followOnce();
    for (const topic of ['shipmentMilestones', 'orderFulfilment', 'channelShipmentUpdates']) {
      outbox.publish(outbox.write(topic, { milestone: 'SHIPPED', sourceOccurredAt: 1_765_101_600_000, shipTo: { city: 'Dallas' } }));
    }
    expect(await f.followOnce()).toBe(2);
    expect(observed.map((e) => [e.topic, e.payload])).toEqual([
      ['shipmentMilestones', { milestone: 'SHIPPED', sourceOccurredAt: 1_765_101_600_000 }],
      ['channelShipmentUpdates', { milestone: 'SHIPPED', sourceOccurredAt: 1_765_101_600_000 }],
    ]);
  });

  it('reads a batch a round', async () => {
    const f = follower({ batchSize: 2 });
    await f.followOnce();
    for (let i = 0; i < 5; i++) outbox.publish(outbox.write('trackingUpdates'));
    expect([await f.followOnce(), await f.followOnce(), await f.followOnce(), await f.followOnce()]).toEqual([2, 2, 1, 0]);
    expect(observed.map((e) => Number(e.id))).toEqual([1, 2, 3, 4, 5]);
  });

  it('observes on the relay leader only, and a follower that becomes leader starts from where it got to', async () => {
    relay.leading = false;
    const f = follower();
    await f.followOnce();
    outbox.publish(outbox.write('trackingUpdates'));
    expect(await f.followOnce()).toBe(0);
    relay.leading = true;
    const later = outbox.write('trackingUpdates');
    outbox.publish(later);
    expect(await f.followOnce()).toBe(1);
    // What was published while another instance led was observed there, not again here.
    expect(observed.map((e) => e.id)).toEqual([later]);
  });

  it('does not observe a row twice when observing it failed', async () => {
    const f = follower({
      observe: (event) => {
        if (event.payload['poison'] === true) throw new Error('histogram rejected the value');
        observed.push(event);
      },
    });
    await f.followOnce();
    const ids = [false, true, false].map((poison) => outbox.write('trackingUpdates', { poison }));
    ids.forEach((id) => outbox.publish(id));
    await expect(f.followOnce()).rejects.toThrow('histogram rejected the value');
    expect(await f.followOnce()).toBe(1);
    expect(observed.map((e) => e.id)).toEqual([ids[0], ids[2]]);
  });

  it('runs as a loop from bootstrap to shutdown, warning about a failed round and going on', async () => {
    const f = follower();
    outbox.failNextFollow = true;
    f.onApplicationBootstrap();
    await waitFor(() => (warnings.length > 0 ? true : undefined), { what: 'the failed round to be warned about', timeoutMs: 5_000 });
    expect(warnings).toEqual(['publish lag not sampled this round']);
    const id = outbox.write('trackingUpdates');
    outbox.publish(id);
    await waitFor(() => (observed.length > 0 ? true : undefined), { what: 'the published row to be observed', timeoutMs: 5_000 });
    await f.beforeApplicationShutdown();
    expect(observed.map((e) => e.id)).toEqual([id]);
  });
});
