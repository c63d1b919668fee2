import { Client } from 'pg';
import { startErpFeedSimulator, type ErpFeedSimulator } from '@crossdock/connectors/simulators';
import { http } from '@crossdock/service-testing';
import type { TableTopicRecorder } from '@crossdock/testing';
import { Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { metricValue, waitFor } from '@crossdock/testing';
import { erpConnectorHarness, startConnector } from '../test-support/erp-connector.fixture';

interface Readiness {
  status: string;
  failing: string[];
  checks: Record<string, { ready: boolean; error?: string }>;
}

describe('erp-connector: outages, restarts and lost cursors', () => {
  const harness = erpConnectorHarness('erp-resilience');
  let erp: ErpFeedSimulator;
  let service: RunningService | undefined;
  let baseUrl: string;
  let items: TableTopicRecorder<ItemMaster>;
  let positions: TableTopicRecorder<InventoryPosition>;

  const onHandAt = (key: string) => positions.table().get(key)?.onHand;
  const cursorOf = async (feed: string) =>
    (await http<{ feeds: Array<{ feed: string; cursor: string | null }> }>(`${baseUrl}/status`)).body.feeds.find((f) => f.feed === feed)?.cursor;
  const drained = () =>
    waitFor(async () => ((await cursorOf('stock')) === erp.erp.feedToken() && (await cursorOf('items')) !== null ? true : undefined), {
      what: 'the stock feed published up to the ERP head',
    });

  beforeAll(async () => {
    await harness.setUp();
    erp = await startErpFeedSimulator({ seed: 23, itemCount: 25 });
    items = await harness.recordTable(Topics.itemMaster);
    positions = await harness.recordTable(Topics.erpInventoryPositions);
    ({ service, baseUrl } = await startConnector(harness, erp));
    await waitFor(() => (positions.table().size === erp.erp.stock.size && items.table().size === 25 ? true : undefined), { what: 'initial load' });
    await drained();
  });

  afterAll(async () => {
    await service?.stop();
    await erp?.stop();
    await harness.tearDown();
  });

  it('survives an ERP outage: readiness degraded naming the feeds, then publishes what changed once the ERP is back', async () => {
    erp.erp.outage.start();
    erp.erp.setOnHand('TENT-ULTRA-2P', '01', 333);
    const degraded = await waitFor(
      async () => {
        const ready = await http<Readiness>(`${baseUrl}/health/ready`);
        return ready.status === 503 && ready.body.failing.includes('feed:stock') ? ready.body : undefined;
      },
      { what: 'readiness 503 naming the stock feed' },
    );
    expect(degraded.checks['feed:stock']?.error).toMatch(/answered 503/);
    expect(await metricValue(baseUrl, 'crossdock_connector_source_up', { feed: 'stock' })).toBe(0);
    const refusedSoFar = erp.erp.outage.refusedRequests();
    await waitFor(() => (erp.erp.outage.refusedRequests() > refusedSoFar + 2 ? true : undefined), { what: 'the connector to keep retrying' });
    const status = await http<{ feeds: Array<{ feed: string; state: string; consecutiveFailures: number }> }>(`${baseUrl}/status`);
    expect(status.body.feeds.find((f) => f.feed === 'stock')).toMatchObject({ state: 'DEGRADED', consecutiveFailures: expect.any(Number) });
    expect(onHandAt('TENT-ULTRA-2P@DC-RENO')).not.toBe(333);

    erp.erp.outage.end();
    await waitFor(() => (onHandAt('TENT-ULTRA-2P@DC-RENO') === 333 ? true : undefined), { what: 'the change made during the outage' });
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'ready again' });
    expect(await metricValue(baseUrl, 'crossdock_connector_source_up', { feed: 'stock' })).toBe(1);
  });

  it('resumes from its cursor after a restart: changes made while it was down are published, nothing earlier again', async () => {
    await drained();
    await service?.stop();
    service = undefined;
    const recordsBefore = positions.records.length;

    erp.erp.setOnHand('TENT-ULTRA-2P', '02', 71);
    erp.erp.tick(15);
    const changedKeys = new Set(
      erp.erp.stock
        .changesSince(erp.erp.feedToken(erp.erp.headSeq() - 16), 100)
        .changes.map(
          (c) => `${String(c['itemNumber'])}@${c['warehouseCode'] === '01' ? 'DC-RENO' : c['warehouseCode'] === '02' ? 'DC-ATLANTA' : '3PL-DALLAS'}`,
        ),
    );

    ({ service, baseUrl } = await startConnector(harness, erp));
    await drained();
    await waitFor(() => (onHandAt('TENT-ULTRA-2P@DC-ATLANTA') === 71 ? true : undefined), { what: 'the change made while stopped' });
    // Every row matches the ERP: nothing skipped.
    for (const key of erp.erp.stock.keys()) {
      const [sku = '', warehouse = ''] = key.split('|');
      const hub = { '01': 'DC-RENO', '02': 'DC-ATLANTA', '90': '3PL-DALLAS' }[warehouse];
      expect(onHandAt(`${sku}@${hub}`)).toBe(erp.erp.stockRow(sku, warehouse)?.onHandQty);
    }
    // Only the changed rows were published again (no second initial load).
    const republished = positions.records.slice(recordsBefore);
    expect(republished.length).toBeGreaterThan(0);
    expect(republished.filter((r) => !changedKeys.has(r.key))).toEqual([]);
  });

  it('re-publishes, never skips, when the cursor save was lost after publishing (crash between the two)', async () => {
    await drained();
    const cursorBefore = await cursorOf('stock');
    erp.erp.setOnHand('STOVE-CAMP-2B', '01', 91);
    erp.erp.setOnHand('STOVE-CAMP-2B', '02', 92);
    await waitFor(() => (onHandAt('STOVE-CAMP-2B@DC-ATLANTA') === 92 ? true : undefined), { what: 'both changes published' });
    await drained();
    await service?.stop();
    service = undefined;
    // As if the process died after Kafka acknowledged the page but before the cursor was saved.
    const db = new Client({ connectionString: harness.database.url });
    await db.connect();
    await db.query(`UPDATE "FeedCursor" SET cursor = $1 WHERE feed = 'stock'`, [cursorBefore]);
    await db.end();
    const renoCount = positions.forKey('STOVE-CAMP-2B@DC-RENO').length;

    ({ service, baseUrl } = await startConnector(harness, erp));
    await waitFor(() => (positions.forKey('STOVE-CAMP-2B@DC-RENO').length === renoCount + 1 ? true : undefined), { what: 'the page published again' });
    await drained();
    const again = positions.forKey('STOVE-CAMP-2B@DC-RENO').slice(-2);
    // Same record, same version: consumers ignore the repeat as a duplicate.
    expect(again[1]?.value).toEqual(again[0]?.value);
    expect(again[1]?.headers['crossdock-idempotency-key']).toBe(again[0]?.headers['crossdock-idempotency-key']);
    expect(again[1]?.offset).not.toBe(again[0]?.offset);
    expect(onHandAt('STOVE-CAMP-2B@DC-ATLANTA')).toBe(92);
  });

  it('reloads the snapshot when the ERP no longer knows its cursor (410 Gone, e.g. restored from a backup)', async () => {
    await drained();
    const port = Number(new URL(erp.baseUrl).port);
    await erp.stop();
    // Another incarnation of the ERP on the same address, with other figures.
    erp = await startErpFeedSimulator({ seed: 24, itemCount: 25, port });
    await drained();
    // The cursor is saved once Kafka has the records; the recorder reads them a moment later.
    const versions = () =>
      [...erp.erp.stock.keys()].map((key) => {
        const [sku = '', warehouse = ''] = key.split('|');
        const hub = { '01': 'DC-RENO', '02': 'DC-ATLANTA', '90': '3PL-DALLAS' }[warehouse];
        return { key, published: positions.table().get(`${sku}@${hub}`)?.version, erp: erp.erp.stockRow(sku, warehouse)?.rowVersion };
      });
    await waitFor(() => (versions().every((v) => v.published === v.erp) ? true : undefined), { what: 'every position at the new ERP version' });
    for (const v of versions()) expect(v.published).toBe(v.erp);
    expect(await metricValue(baseUrl, 'crossdock_connector_records_published_total', { feed: 'stock', mode: 'rebaseline' })).toBe(erp.erp.stock.size);
  });
  it('polls from one instance at a time: a second one stands by, ready, and takes over when the first stops', async () => {
    await drained();
    const second = await startConnector(harness, erp);
    type Status = { feeds: Array<{ feed: string; state: string; totals: { polls: number } }> };
    const statusOf = async (url: string) => (await http<Status>(`${url}/status`)).body.feeds;
    try {
      await waitFor(async () => ((await statusOf(second.baseUrl)).every((f) => f.state === 'STANDBY') ? true : undefined), {
        what: 'the second instance standing by',
      });
      expect((await http(`${second.baseUrl}/health/ready`)).status).toBe(200);
      erp.erp.setOnHand('TENT-ULTRA-2P', '01', 444);
      await waitFor(() => (onHandAt('TENT-ULTRA-2P@DC-RENO') === 444 ? true : undefined), { what: 'the change published by the first instance' });
      expect((await statusOf(second.baseUrl)).map((f) => f.totals.polls)).toEqual((await statusOf(second.baseUrl)).map(() => 0));

      await service?.stop();
      service = undefined;
      erp.erp.setOnHand('TENT-ULTRA-2P', '01', 445);
      await waitFor(() => (onHandAt('TENT-ULTRA-2P@DC-RENO') === 445 ? true : undefined), { what: 'the change published by the second instance' });
      await waitFor(async () => ((await statusOf(second.baseUrl)).every((f) => f.state === 'HEALTHY' && f.totals.polls > 0) ? true : undefined), {
        what: 'every feed polled by the second instance',
      });
      // One poller: the change before the handover went out once, the one after it once.
      expect(positions.forKey('TENT-ULTRA-2P@DC-RENO').filter((r) => r.value?.onHand === 444 || r.value?.onHand === 445)).toHaveLength(2);
    } finally {
      await second.service.stop();
    }
    ({ service, baseUrl } = await startConnector(harness, erp));
  });
});
