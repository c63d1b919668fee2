import type { RunningService } from '@crossdock/service-kit';
import { waitFor } from '@crossdock/testing';
import { ErpConfirmationWorld } from './test-support/erp-confirmation.world';

const world = new ErpConfirmationWorld('erp-confirmation-file');

describe('shipment-events: ship confirmations to a legacy ERP through its import folders', () => {
  let service: RunningService;

  beforeAll(async () => {
    await world.setUp();
    ({ service } = await world.startService({ ...world.erpEnv('flat-file'), ERP_DRAIN_POLL_MS: '100' }));
  });

  afterAll(async () => {
    await service?.stop();
    await world.tearDown();
  });

  it('posts each carton as one goods issue from a SHPCNF file and records the number the acknowledgement gave', async () => {
    const orderId = 'SHOPIFY:acme-outdoor:F1';
    await world.accept(orderId, world.bookInErp(orderId, 2), 2);
    await waitFor(() => world.latestFulfilment(orderId), { what: `${orderId} released` });
    const references = await world.shipCartons(orderId, 2);

    const rows = await waitFor(
      async () => {
        const queued = await world.queueRows([orderId]);
        return queued.length === 2 && queued.every((r) => r.status === 'CONFIRMED') ? queued : undefined;
      },
      { what: 'both cartons confirmed', timeoutMs: 60_000 },
    );
    const issues = world.goodsIssuesOf(references);
    expect(issues.map((g) => [g.packageReference, g.via, g.duplicateSubmissions, g.lines.map((l) => [l.erpLineNumber, l.quantity])])).toEqual(
      references.map((reference) => [reference, 'FILE', 0, [[1, 1]]]),
    );
    for (const row of rows) expect(row.erpDocumentNumber).toBe(world.erp.erp.goodsIssueFor(row.packageReference)?.goodsIssueNumber);
    expect(world.erp.erp.order(orderId)?.shippedQuantities).toEqual([2]);
  });
});
