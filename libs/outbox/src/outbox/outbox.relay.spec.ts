import type { SqlStatement } from '@crossdock/persistence';
import type { TopicDefinition } from '@crossdock/contracts';
import { OutboxRelay, type RelayedEvent } from './outbox.relay';

// The relay's I/O is faked (an outbox table behind a lock session, the publisher): what is tested
// is which round publishes what, in which order, on which lead, with which statements.
const shipped = { key: 'shipmentsShipped', name: 'test.shipments.v1' } as TopicDefinition;
const delivered = { key: 'shipmentsDelivered', name: 'test.deliveries.v1' } as TopicDefinition;
const catalog = { shipmentsShipped: shipped, shipmentsDelivered: delivered };

function event(id: number, topic = 'shipmentsShipped', key = `S-${id}`): RelayedEvent {
  return { id: BigInt(id), topic, messageKey: key, eventId: `evt-${id}`, payload: { id }, traceparent: null, correlationId: null, causationId: null };
}

/** An outbox table as the relay's lock session sees it, recording the statements it ran. */
class FakeSession {
  readonly statements: string[] = [];
  readonly names: Array<string | undefined> = [];
  lost = false;
  failNextUpdate = false;
  constructor(private readonly outbox: Map<bigint, RelayedEvent & { published: boolean }>) {}

  async query<T>(statement: SqlStatement): Promise<T[]> {
    const kind = statement.text.trim().split(/\s+/)[0] ?? '';
    this.statements.push(kind);
    this.names.push(statement.name);
    if (statement.text.includes('FROM "EventOutbox"')) {
      const limit = statement.values[0] as number;
      return [...this.outbox.values()]
        .filter((e) => !e.published)
        .sort((a, b) => Number(a.id - b.id))
        .slice(0, limit)
        .map(({ published: _p, ...e }) => e as T);
    }
    if (kind === 'UPDATE') {
      if (this.failNextUpdate) {
        // As LockedSession does: a statement that fails for the connection's sake loses the session.
        this.failNextUpdate = false;
        this.lost = true;
        throw new Error('connection reset');
      }
      for (const id of statement.values[1] as string[]) {
        const row = this.outbox.get(BigInt(id));
        if (row) row.published = true;
      }
    }
    return [];
  }

  end(): void {
    this.lost = true;
  }
}

describe('OutboxRelay', () => {
  let outbox: Map<bigint, RelayedEvent & { published: boolean }>;
  let sessions: FakeSession[];
  let othersLead: boolean;
  let sends: Array<{ topic: string; keys: string[]; ids: string[]; traces: Array<string | undefined>; correlations: Array<string | undefined> }>;
  let relay: OutboxRelay;

  const commit = (...events: RelayedEvent[]) => events.forEach((e) => outbox.set(e.id, { ...e, published: false }));
  const session = () => sessions[sessions.length - 1] as FakeSession;
  const published = () => sends.flatMap((s) => s.ids);

  beforeEach(() => {
    outbox = new Map();
    sessions = [];
    othersLead = false;
    sends = [];
    const db = {
      lockedSession: async () => {
        if (othersLead) return null;
        sessions.push(new FakeSession(outbox));
        return session();
      },
    };
    const publisher = {
      publishMany: async (
        contract: TopicDefinition,
        messages: ReadonlyArray<{ key: string; options: { idempotencyKey: string; traceparent?: string; correlationId?: string } }>,
      ) => {
        sends.push({
          topic: contract.key,
          keys: messages.map((m) => m.key),
          ids: messages.map((m) => m.options.idempotencyKey),
          traces: messages.map((m) => m.options.traceparent),
          correlations: messages.map((m) => m.options.correlationId),
        });
        return [];
      },
    };
    relay = new OutboxRelay({ db: db as never, publisher: publisher as never, catalog, pollMs: 60_000, batchSize: 3, logger: { error: jest.fn() } });
  });

  it('publishes committed events in id order, one send per run of a topic, then marks them: a scan and a mark per round', async () => {
    commit(event(1), event(2, 'shipmentsDelivered', 'S-1'), event(3, 'shipmentsDelivered', 'S-2'));
    expect(await relay.relayOnce()).toBe(3);
    expect(sends.map((s) => [s.topic, s.keys])).toEqual([
      ['shipmentsShipped', ['S-1']],
      ['shipmentsDelivered', ['S-1', 'S-2']],
    ]);
    // A new term sets its session up once, then each round is a scan and a mark.
    expect(session().statements).toEqual(['SELECT', 'SELECT', 'UPDATE']);
    // Named for traces: the pg spans read pg.query:outbox.scan_<hash>.
    expect(session().names).toEqual(['outbox.relay-session', 'outbox.scan', 'outbox.mark-published']);
    expect(await relay.relayOnce()).toBe(0);
    expect(session().statements).toEqual(['SELECT', 'SELECT', 'UPDATE', 'SELECT']);
    expect(published()).toEqual(['evt-1', 'evt-2', 'evt-3']);
  });

  it('takes a batch at a time, the rest in the next round, each event once', async () => {
    commit(event(1), event(2), event(3), event(4));
    expect(await relay.relayOnce()).toBe(3);
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    expect(published()).toEqual(['evt-1', 'evt-2', 'evt-3', 'evt-4']);
  });

  it('publishes nothing while another instance leads, and takes over when the lock is free', async () => {
    othersLead = true;
    commit(event(1));
    expect(await relay.relayOnce()).toBe(0);
    expect(relay.leading).toBe(false);
    expect(published()).toEqual([]);

    othersLead = false;
    expect(await relay.relayOnce()).toBe(1);
    expect(relay.leading).toBe(true);
    expect(published()).toEqual(['evt-1']);
  });

  it('publishes again what a round published but could not mark (at least once), and a lost session ends its term', async () => {
    commit(event(1));
    await relay.relayOnce();
    commit(event(2));
    session().failNextUpdate = true;
    await expect(relay.relayOnce()).rejects.toThrow('connection reset');
    expect(relay.leading).toBe(false);

    expect(await relay.relayOnce()).toBe(1);
    expect(sessions).toHaveLength(2);
    expect(published()).toEqual(['evt-1', 'evt-2', 'evt-2']);
  });

  it('refuses a row whose topic is not in its catalog, leaving it unpublished', async () => {
    commit(event(1, 'somethingElse'));
    await expect(relay.relayOnce()).rejects.toThrow(/'somethingElse', which is not in the relay's catalog/);
    expect([...outbox.values()][0]?.published).toBe(false);
  });

  it('sends each event of a batch with its own trace and correlation; a lone event goes out inside its own trace', async () => {
    const traced = (id: number) => ({ ...event(id), traceparent: `00-${String(id).padStart(32, '0')}-${'1'.repeat(16)}-01`, correlationId: `corr-${id}` });
    commit(traced(1), traced(2));
    expect(await relay.relayOnce()).toBe(2);
    expect(sends[0]?.traces).toEqual([traced(1).traceparent, traced(2).traceparent]);
    expect(sends[0]?.correlations).toEqual(['corr-1', 'corr-2']);

    commit({ ...traced(3), correlationId: null });
    expect(await relay.relayOnce()).toBe(1);
    // Not overridden: the publisher injects the relay span's context, which is a child of the event's trace.
    expect(sends[1]?.traces).toEqual([undefined]);
    // Without a stored correlation, the key correlates.
    expect(sends[1]?.correlations).toEqual(['S-3']);
  });

  it('runs as a loop once bootstrapped: woken by a writer, it publishes without waiting for its poll; shutdown ends its term', async () => {
    relay.onApplicationBootstrap();
    commit(event(1));
    relay.wake();
    const deadline = Date.now() + 2_000;
    while (published().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(published()).toEqual(['evt-1']);
    await relay.beforeApplicationShutdown();
    expect(session().lost).toBe(true);
  });
});
