import type { Logger } from 'pino';
import { loadConfig } from '@crossdock/config';
import type { EventPublisher } from '@crossdock/messaging';
import type { SqlStatement } from '@crossdock/persistence';
import { orderIngestConfigSchema } from '../config/order-ingest-config.schema';
import type { PrismaService } from '../prisma/prisma.service';
import { EventOutboxRelay } from './event-outbox.relay';
import type { RelayedEvent } from './outbox-handover';

// The relay's I/O is faked (an outbox table behind a lock session, the publisher): what is tested is
// which round publishes what, in which order, and with which statements.
function event(id: number, orderId = `O-${id}`): RelayedEvent {
  return { id: BigInt(id), topic: 'ordersAccepted', messageKey: orderId, eventId: `evt-${id}`, payload: { id }, traceparent: null, correlationId: null, causationId: null };
}

/** An outbox table as the relay's lock session sees it, recording the statements it ran. */
class FakeSession {
  readonly statements: string[] = [];
  lost = false;
  constructor(private readonly outbox: Map<bigint, RelayedEvent & { published: boolean }>) {}

  async query<T>(statement: SqlStatement): Promise<T[]> {
    const kind = statement.text.trim().split(/\s+/)[0] ?? '';
    this.statements.push(kind);
    if (statement.text.includes('FROM "EventOutbox"')) {
      return [...this.outbox.values()].filter((e) => !e.published).sort((a, b) => Number(a.id - b.id)).map(({ published: _p, ...e }) => e as T);
    }
    if (kind === 'UPDATE') {
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

describe('EventOutboxRelay', () => {
  let outbox: Map<bigint, RelayedEvent & { published: boolean }>;
  let sessions: FakeSession[];
  let othersLead: boolean;
  let published: string[];
  let traces: Array<string | undefined>;
  let relay: EventOutboxRelay;

  const commit = (...events: RelayedEvent[]) => events.forEach((e) => outbox.set(e.id, { ...e, published: false }));
  const session = () => sessions[sessions.length - 1] as FakeSession;

  beforeEach(async () => {
    outbox = new Map();
    sessions = [];
    othersLead = false;
    published = [];
    traces = [];
    const prisma = {
      sql: {
        lockedSession: async () => {
          if (othersLead) return null;
          sessions.push(new FakeSession(outbox));
          return session();
        },
      },
    };
    const publisher = {
      publishMany: async (_contract: unknown, messages: ReadonlyArray<{ options: { idempotencyKey: string; traceparent?: string } }>) => {
        published.push(...messages.map((m) => m.options.idempotencyKey));
        traces.push(...messages.map((m) => m.options.traceparent));
      },
    };
    const config = loadConfig(orderIngestConfigSchema, {
      DATABASE_URL: 'postgresql://u:p@localhost:5432/oi',
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://erp.local/api',
    });
    relay = new EventOutboxRelay(prisma as unknown as PrismaService, publisher as unknown as EventPublisher, config, { error: jest.fn() } as unknown as Logger);
    // A new leader's first round scans for whatever the last one left.
    expect(await relay.relayOnce()).toBe(0);
    expect(session().statements).toEqual(['SELECT', 'SELECT']);
    session().statements.length = 0;
  });

  it('publishes handed-over events without a scan, then marks them: one statement', async () => {
    const ticket = relay.handover.reserve(['evt-1', 'evt-2']);
    commit(event(1), event(2));
    ticket?.committed([event(2), event(1)]);
    ticket?.close();

    expect(await relay.relayOnce()).toBe(2);
    expect(published).toEqual(['evt-1', 'evt-2']);
    expect(session().statements).toEqual(['UPDATE']);
    expect([...outbox.values()].every((e) => e.published)).toBe(true);
    expect(await relay.relayOnce()).toBe(0);
  });

  it('scans when a writer wakes it, and stops at an event being handed over until it is: each event once, in id order', async () => {
    const ticket = relay.handover.reserve(['evt-2']);
    // Committed: a rejection (found by scanning), the acceptance not yet handed over, and a later
    // cancellation of the same order that must not overtake it.
    commit(event(1), event(2, 'O-2'), event(3, 'O-2'));
    relay.wake();
    expect(await relay.relayOnce()).toBe(1);
    expect(published).toEqual(['evt-1']);

    ticket?.committed([event(2, 'O-2')]);
    ticket?.close();
    expect(await relay.relayOnce()).toBe(2);
    expect(published).toEqual(['evt-1', 'evt-2', 'evt-3']);
    expect(await relay.relayOnce()).toBe(0);
    expect(published).toEqual(['evt-1', 'evt-2', 'evt-3']);
  });

  it('publishes nothing and takes nothing over while another instance leads', async () => {
    session().end();
    othersLead = true;
    commit(event(1));
    relay.wake();

    expect(await relay.relayOnce()).toBe(0);
    expect(relay.handover.reserve(['evt-1'])).toBeNull();
    expect(published).toEqual([]);

    othersLead = false;
    expect(await relay.relayOnce()).toBe(1);
    expect(published).toEqual(['evt-1']);
  });

  it('forgets a lost session\'s hand-overs and starts the next term with a scan, so nothing is lost or doubled', async () => {
    const ticket = relay.handover.reserve(['evt-1']);
    commit(event(1));
    ticket?.committed([event(1)]);
    session().lost = true;

    expect(await relay.relayOnce()).toBe(1);
    expect(sessions).toHaveLength(2);
    expect(session().statements).toEqual(['SELECT', 'SELECT', 'UPDATE']);
    expect(await relay.relayOnce()).toBe(0);
    expect(published).toEqual(['evt-1']);
  });

  it('sends each event of a batch with its own order\'s trace; a lone event goes out inside its order\'s trace', async () => {
    const traced = (id: number) => ({ ...event(id), traceparent: `00-${String(id).padStart(32, '0')}-${'1'.repeat(16)}-01` });
    const batch = relay.handover.reserve(['evt-1', 'evt-2']);
    commit(traced(1), traced(2));
    batch?.committed([traced(1), traced(2)]);
    expect(await relay.relayOnce()).toBe(2);
    expect(traces).toEqual([traced(1).traceparent, traced(2).traceparent]);

    const lone = relay.handover.reserve(['evt-3']);
    commit(traced(3));
    lone?.committed([traced(3)]);
    expect(await relay.relayOnce()).toBe(1);
    // Not overridden: the publisher injects the relay span's context, which is a child of the order's trace.
    expect(traces[2]).toBeUndefined();
  });
});
