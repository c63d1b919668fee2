import type { Logger } from 'pino';
import { type ErpOrderPort } from '@crossdock/order-ingest/domain';
import { loadConfig } from '@crossdock/config';
import { waitFor } from '@crossdock/testing';
import { orderIngestConfigSchema } from '../config/order-ingest-config.schema';
import type { ErpQueueEntry } from '../generated/prisma/client';
import type { OutboxRelay } from '@crossdock/outbox';
import type { PrismaService } from '../prisma/prisma.service';
import type { ErpCompletionService } from './erp-completion.service';
import { ErpDrainerService } from './erp-drainer.service';
import type { ErpQueueRepository, QueuedCall } from './erp-queue.repository';

// The drainer's I/O is faked (queue, lock session, ERP, completion): what is tested is the order of a
// round's steps and what paces the loop.
function queued(id: number): QueuedCall {
  return {
    id: BigInt(id),
    orderId: `SHOPIFY:acme:${id}`,
    sequence: 1,
    kind: 'SUBMIT',
    attempts: 0,
    notBefore: null,
    enqueuedAt: new Date(),
    delayNotifiedAt: null,
    lastError: null,
  };
}

/** The entry as the claim returns it: still PENDING, with its payload. */
function claimed(row: QueuedCall): ErpQueueEntry {
  return {
    ...row,
    payload: { externalId: row.orderId },
    status: 'PENDING',
    traceparent: null,
    correlationId: null,
    lastAttemptAt: new Date(),
    completedAt: null,
  };
}

describe('ErpDrainerService', () => {
  let drainer: ErpDrainerService | undefined;
  let pending: QueuedCall[];
  const steps: string[] = [];
  const queue = {
    stats: jest.fn(async () => ({ depth: 0, oldestAgeMs: 0 })),
    heldByReason: jest.fn(async () => []),
    pending: jest.fn(async (_limit: number, _inFlight: Iterable<bigint>) => pending),
    claimMany: jest.fn(async (rows: readonly QueuedCall[]) => {
      steps.push(...rows.map((r) => `claim ${r.id}`));
      return new Map(rows.map((r) => [r.id.toString(), claimed(r)]));
    }),
    reschedule: jest.fn(async () => undefined),
  };
  const completion = {
    submitted: jest.fn(async (entry: ErpQueueEntry) => void steps.push(`recorded ${entry.id}`)),
    parked: jest.fn(async () => undefined),
    delayed: jest.fn(async () => undefined),
  };
  const port = { erpSystem: 'erp-sim', submit: jest.fn<ReturnType<ErpOrderPort['submit']>, Parameters<ErpOrderPort['submit']>>(), cancel: jest.fn() };
  const session = { lost: false, end: () => undefined, query: jest.fn(async () => []) };
  const logger = { error: jest.fn(), warn: jest.fn() };

  function start(env: Record<string, string>): ErpDrainerService {
    const config = loadConfig(orderIngestConfigSchema, {
      SERVICE_NAME: 'order-ingest',
      DATABASE_URL: 'postgresql://u:p@localhost:5432/oi',
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://erp.local/api',
      ...env,
    });
    drainer = new ErpDrainerService(
      // The drainer's lock is free: this instance leads.
      { sql: { lockedSession: async () => session } } as unknown as PrismaService,
      queue as unknown as ErpQueueRepository,
      completion as unknown as ErpCompletionService,
      { wake: jest.fn() } as unknown as OutboxRelay,
      port as unknown as ErpOrderPort,
      config,
      logger as unknown as Logger,
    );
    drainer.onApplicationBootstrap();
    return drainer;
  }

  beforeEach(() => {
    jest.clearAllMocks();
    steps.length = 0;
    pending = [];
    port.submit.mockImplementation(async (payload) => {
      steps.push(`submit ${payload.externalId}`);
      return { erpOrderNumber: `SO-${payload.externalId}`, created: true };
    });
  });

  afterEach(async () => {
    await drainer?.beforeApplicationShutdown();
    drainer = undefined;
  });

  it('sends a queued submission only once a round has read and claimed it, and records the answer', async () => {
    // Long polls: rounds run only when something wakes them.
    const running = start({ ERP_DRAIN_POLL_MS: '60000', OUTBOX_POLL_MS: '60000' });
    await waitFor(() => (queue.pending.mock.calls.length > 0 ? true : undefined), { what: 'first round', timeoutMs: 2_000, intervalMs: 5 });
    pending = [queued(1)];
    running.wake();

    await waitFor(() => (completion.submitted.mock.calls.length === 1 ? true : undefined), { what: 'answer recorded', timeoutMs: 2_000, intervalMs: 5 });
    expect(steps).toEqual(['claim 1', 'submit SHOPIFY:acme:1', 'recorded 1']);
    expect(completion.submitted).toHaveBeenCalledWith(expect.objectContaining({ id: 1n, status: 'PENDING' }), 'erp-sim', {
      erpOrderNumber: 'SO-SHOPIFY:acme:1',
      created: true,
    });
  });

  it('leaves a call in flight out of the next round, which neither claims nor sends it again', async () => {
    let answer: (value: { erpOrderNumber: string; created: boolean }) => void = () => undefined;
    port.submit.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    pending = [queued(2)];
    const running = start({ ERP_DRAIN_POLL_MS: '60000', OUTBOX_POLL_MS: '60000' });
    await waitFor(() => (port.submit.mock.calls.length === 1 ? true : undefined), { what: 'call made', timeoutMs: 2_000, intervalMs: 5 });

    // The entry is still PENDING while its call is out: a round reading it back must not send it again.
    const roundsBefore = queue.pending.mock.calls.length;
    running.wake();
    await waitFor(() => (queue.pending.mock.calls.length > roundsBefore ? true : undefined), { what: 'a round', timeoutMs: 2_000, intervalMs: 5 });
    const [, inFlight] = queue.pending.mock.calls[roundsBefore] ?? [];
    expect([...(inFlight ?? [])]).toEqual([2n]);

    pending = [];
    answer({ erpOrderNumber: 'SO-2', created: true });
    await waitFor(() => (completion.submitted.mock.calls.length === 1 ? true : undefined), { what: 'answer recorded', timeoutMs: 2_000, intervalMs: 5 });
    expect(queue.claimMany).toHaveBeenCalledTimes(1);
    expect(port.submit).toHaveBeenCalledTimes(1);
  });

  it('reads its queue every ERP_DRAIN_POLL_MS and checks its lock within seconds, whatever OUTBOX_POLL_MS is', async () => {
    // Nothing wakes it: only its own poll runs rounds.
    start({ ERP_DRAIN_POLL_MS: '20', OUTBOX_POLL_MS: '60000' });
    await waitFor(() => (queue.pending.mock.calls.length >= 5 ? true : undefined), { what: 'five polled rounds', timeoutMs: 2_000, intervalMs: 5 });
    // Every four polls, at least a second apart: with OUTBOX_POLL_MS it would be four minutes.
    await waitFor(() => (session.query.mock.calls.length > 0 ? true : undefined), { what: 'a check of the lock', timeoutMs: 3_000, intervalMs: 10 });
  });
});
