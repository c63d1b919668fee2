import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { nodeRuntimeArgs, waitFor } from '@crossdock/testing';
import { ErpConfirmationWorld } from './test-support/erp-confirmation.world';

const world = new ErpConfirmationWorld('erp-confirmation-crash');
const ROOT = join(__dirname, '../../../..');

/** The service as production runs it (main.ts), in its own process, so it can really be SIGKILLed. */
function startChild(): { child: ChildProcess; exited: Promise<NodeJS.Signals | number | null> } {
  const env = { ...world.platformEnv(), ...world.erpEnv(), OUTBOX_POLL_MS: '100', ERP_DRAIN_POLL_MS: '100' };
  const child = spawn(process.execPath, [...nodeRuntimeArgs('shipment-events'), '-r', '@swc-node/register', 'apps/shipment-events/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: 'tsconfig.base.json', HTTP_PORT: '0', OTEL_SDK_DISABLED: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { child, exited };
}

describe('ERP ship confirmation: crash safety', () => {
  let running: ChildProcess | undefined;

  beforeAll(async () => {
    await world.setUp();
  });

  afterAll(async () => {
    running?.kill('SIGKILL');
    await world.tearDown();
  });

  it('keeps one goods issue when the service is SIGKILLed after the ERP posted it and before the service committed that', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:K1';
    const erpOrderNumber = world.bookInErp(orderId, 1);
    const first = startChild();
    running = first.child;
    // The ERP calls this while it handles the request, before it answers: the process dies with the
    // goods issue posted and the answer not yet read, let alone committed.
    const stopKilling = world.erp.erp.onGoodsIssue(() => first.child.kill('SIGKILL'));

    await world.accept(orderId, erpOrderNumber, 1);
    await waitFor(() => world.latestFulfilment(orderId), { what: `${orderId} released`, timeoutMs: 60_000 });
    const [reference = ''] = await world.shipCartons(orderId, 1);

    expect(await first.exited).toBe('SIGKILL');
    stopKilling();
    const posted = world.erp.erp.goodsIssueFor(reference);
    expect(posted).toMatchObject({ externalId: orderId, duplicateSubmissions: 0 });
    // The kill really came between the ERP's posting and the commit: the queue still has the package pending.
    expect(await world.queueRows([orderId])).toEqual([expect.objectContaining({ packageReference: reference, status: 'PENDING', erpDocumentNumber: null })]);

    const second = startChild();
    running = second.child;
    const [row] = await waitFor(
      async () => {
        const rows = await world.queueRows([orderId]);
        return rows[0]?.status === 'CONFIRMED' ? rows : undefined;
      },
      { what: 'the package confirmed after the restart', timeoutMs: 90_000 },
    );
    // The restarted drainer sent it again; the ERP recognised the package reference instead of posting twice.
    expect(world.goodsIssuesOf([reference])).toEqual([expect.objectContaining({ goodsIssueNumber: posted?.goodsIssueNumber, duplicateSubmissions: 1 })]);
    expect(world.erp.erp.stats().goodsIssues).toBe(1);
    expect(world.erp.erp.invoices().filter((i) => i.lines.some((l) => l.deliveryReference === reference))).toHaveLength(1);
    expect(row?.erpDocumentNumber).toBe(posted?.goodsIssueNumber);
    const published = await waitFor(
      () => (world.latestFulfilment(orderId)?.lines[0]?.erpPostings.length ? world.latestFulfilment(orderId)?.lines[0]?.erpPostings : undefined),
      {
        what: 'the posting published',
        timeoutMs: 30_000,
      },
    );
    expect(published).toEqual([{ packageReference: reference, erpDocumentNumber: posted?.goodsIssueNumber, quantity: 1, postedAt: posted?.postedAt }]);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    running = undefined;
  });
});
