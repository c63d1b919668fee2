import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Topics, type OrderAccepted } from '@crossdock/contracts';
import { nodeRuntimeArgs, waitFor } from '@crossdock/testing';
import type { TopicRecorder } from '@crossdock/testing';
import { OrderIngestHarness } from '../test-support/order-ingest.harness';
import { acmeOrder } from '../test-support/order-scenarios';

const h = new OrderIngestHarness('crash');
const ROOT = join(__dirname, '../../../..');

/** The service as production runs it (main.ts), in its own process, so it can really be SIGKILLed. */
function startChild(env: Record<string, string>): { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> } {
  const child = spawn(process.execPath, [...nodeRuntimeArgs('order-ingest'), '-r', '@swc-node/register', 'apps/order-ingest/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: 'tsconfig.base.json', HTTP_PORT: '0', OTEL_SDK_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited };
}

describe('crash safety', () => {
  let accepted: TopicRecorder<OrderAccepted>;
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    await h.setUp();
    accepted = await h.record(Topics.ordersAccepted);
  });

  afterAll(async () => {
    running?.kill('SIGKILL');
    await h.tearDown();
  });

  it('keeps exactly one ERP order when the service is SIGKILLed after the ERP booked the order and before it recorded that', async () => {
    const order = acmeOrder('3001');
    const first = startChild(h.serviceEnv({ CROSSDOCK_TEST_CRASH_AFTER_ERP_SUBMIT: 'true' }));
    running = first.child;
    await h.publishOrders([order]);

    // The ERP confirmed the order, then the process died before committing the confirmation.
    expect(await first.exited).toBe('SIGKILL');
    expect(h.erp.erp.orders()).toEqual([expect.objectContaining({ externalId: order.orderId, duplicateSubmissions: 0 })]);
    expect(accepted.values()).toEqual([]);

    const second = startChild(h.serviceEnv());
    running = second.child;
    const [event] = await waitFor(() => (accepted.values().length > 0 ? accepted.values() : undefined), {
      what: 'OrderAccepted after the restart',
      timeoutMs: 60_000,
    });
    // The restarted drainer resubmitted; the ERP recognised the external id instead of booking again.
    expect(h.erp.erp.orders()).toEqual([expect.objectContaining({ externalId: order.orderId, duplicateSubmissions: 1 })]);
    expect(event).toMatchObject({ orderId: order.orderId, erpOrderNumber: h.erp.erp.order(order.orderId)?.erpOrderNumber, outcomeSequence: 1 });

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(accepted.values()).toHaveLength(1);
    running = undefined;
  });
});
