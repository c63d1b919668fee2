import type { Logger } from 'pino';
import { type ErpOrderPort, ErpTransientError } from '@crossdock/order-ingest/domain';
import { loadConfig } from '@crossdock/config';
import { waitFor } from '@crossdock/testing';
import { orderIngestConfigSchema } from '../config/order-ingest-config.schema';
import type { ErpQueueEntry } from '../generated/prisma/client';
import type { OutboxRelay } from '@crossdock/outbox';
import type { PrismaService } from '../prisma/prisma.service';
import type { ErpCompletionService } from './erp-completion.service';
import { ErpDrainerService } from './erp-drainer.service';
import type { ErpQueueRepository, QueuedCall, SubmissionSentAtOnce } from './erp-queue.repository';

// The drainer's I/O is faked (queue, lock session, ERP, completion): what is tested is when a
// submission committed by the intake goes out at once and when it waits for a round.
function submission(id: number): ErpQueueEntry {
  const at = new Date();
  return {
    id: BigInt(id),
    orderId: `SHOPIFY:acme:${id}`,
    sequence: 1,
    kind: 'SUBMIT',
    payload: { externalId: `SHOPIFY:acme:${id}` },
    status: 'PENDING',
    attempts: 0,
    notBefore: null,
    lastError: null,
    traceparent: null,
    correlationId: null,
    enqueuedAt: at,
    lastAttemptAt: at,
    completedAt: null,
    delayNotifiedAt: null,
  };
}

/** As the intake hands it over: the entry it wrote as attempted. */
function sentAtOnce(id: number): SubmissionSentAtOnce {
  return { entry: submission(id) };
}

describe('ErpDrainerService sending submissions at once', () => {
  let drainer: ErpDrainerService;
  let pending: QueuedCall[];
  const queue = {
    stats: jest.fn(async () => ({ depth: 0, oldestAgeMs: 0 })),
    heldByReason: jest.fn(async () => []),
    pending: jest.fn(async () => pending),
    claimMany: jest.fn(async (rows: readonly QueuedCall[]) => new Map(rows.map((r) => [r.id.toString(), submission(Number(r.id))]))),
    reschedule: jest.fn(async () => undefined),
  };
  const completion = { submitted: jest.fn(async () => undefined), parked: jest.fn(async () => undefined), delayed: jest.fn(async () => undefined) };
  const port = { erpSystem: 'erp-sim', submit: jest.fn<ReturnType<ErpOrderPort['submit']>, Parameters<ErpOrderPort['submit']>>(), cancel: jest.fn() };
  const logger = { error: jest.fn(), warn: jest.fn() };

  beforeEach(async () => {
    jest.clearAllMocks();
    pending = [];
    port.submit.mockImplementation(async (payload) => ({ erpOrderNumber: `SO-${payload.externalId}`, created: true }));
    // A long poll: rounds run only when something wakes them, so the test sees every one.
    const config = loadConfig(orderIngestConfigSchema, {
      SERVICE_NAME: 'order-ingest',
      DATABASE_URL: 'postgresql://u:p@localhost:5432/oi',
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://erp.local/api',
      OUTBOX_POLL_MS: '60000',
    });
    drainer = new ErpDrainerService(
      // The drainer's lock is free: this instance leads.
      { sql: { lockedSession: async () => ({ lost: false, end: () => undefined, query: async () => [] }) } } as unknown as PrismaService,
      queue as unknown as ErpQueueRepository,
      completion as unknown as ErpCompletionService,
      { wake: jest.fn() } as unknown as OutboxRelay,
      port as unknown as ErpOrderPort,
      config,
      logger as unknown as Logger,
    );
    drainer.onApplicationBootstrap();
    // The first round finds the queue empty.
    await waitFor(() => (drainer.sendsAtOnce() ? true : undefined), { what: 'first round', timeoutMs: 2_000, intervalMs: 5 });
  });

  afterEach(async () => {
    await drainer.beforeApplicationShutdown();
  });

  it('sends a committed submission without reading the queue back or claiming it, and costs no round after', async () => {
    const roundsBefore = queue.pending.mock.calls.length;
    drainer.sendNow([sentAtOnce(1)]);

    await waitFor(() => (completion.submitted.mock.calls.length === 1 ? true : undefined), { what: 'answer recorded', timeoutMs: 2_000, intervalMs: 5 });
    expect(port.submit).toHaveBeenCalledWith({ externalId: 'SHOPIFY:acme:1' });
    expect(completion.submitted).toHaveBeenCalledWith(expect.objectContaining({ id: 1n }), 'erp-sim', expect.objectContaining({ erpOrderNumber: 'SO-SHOPIFY:acme:1' }));
    expect(queue.claimMany).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(queue.pending.mock.calls.length).toBe(roundsBefore);
    expect(drainer.sendsAtOnce()).toBe(true);
  });

  it('does not count a call in flight as waiting when a round reads it back, so the next orders still go at once', async () => {
    let answer: (value: { erpOrderNumber: string; created: boolean }) => void = () => undefined;
    port.submit.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    drainer.sendNow([sentAtOnce(2)]);
    await waitFor(() => (port.submit.mock.calls.length === 1 ? true : undefined), { what: 'call made', timeoutMs: 2_000, intervalMs: 5 });

    // A round whose read raced the intake's commit sees the entry still PENDING.
    pending = [submission(2)];
    const roundsBefore = queue.pending.mock.calls.length;
    drainer.wake();
    await waitFor(() => (queue.pending.mock.calls.length > roundsBefore ? true : undefined), { what: 'a round', timeoutMs: 2_000, intervalMs: 5 });
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(queue.claimMany).not.toHaveBeenCalled();
    expect(drainer.sendsAtOnce()).toBe(true);
    pending = [];
    answer({ erpOrderNumber: 'SO-2', created: true });
    await waitFor(() => (completion.submitted.mock.calls.length === 1 ? true : undefined), { what: 'answer recorded', timeoutMs: 2_000, intervalMs: 5 });
  });

  it('after an outage answer, leaves new submissions to the queue, which pauses and retries them', async () => {
    port.submit.mockRejectedValueOnce(new ErpTransientError('OUTAGE', 'ERP down for maintenance'));
    drainer.sendNow([sentAtOnce(3)]);
    await waitFor(() => (queue.reschedule.mock.calls.length === 1 ? true : undefined), { what: 'retry scheduled', timeoutMs: 2_000, intervalMs: 5 });
    expect(drainer.sendsAtOnce()).toBe(false);

    const roundsBefore = queue.pending.mock.calls.length;
    drainer.sendNow([sentAtOnce(4)]);
    expect(port.submit).toHaveBeenCalledTimes(1);
    // Not sent, so a round is woken for it instead.
    await waitFor(() => (queue.pending.mock.calls.length > roundsBefore ? true : undefined), { what: 'a round', timeoutMs: 2_000, intervalMs: 5 });
    expect(port.submit).toHaveBeenCalledTimes(1);
  });
});
