import { startErpFeedSimulator, type ErpFeedSimulator } from '@crossdock/connectors/simulators';
import { http } from '@crossdock/service-testing';
import type { TableTopicRecorder } from '@crossdock/testing';
import { messageKey, Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { metricValue, waitFor } from '@crossdock/testing';
import { erpConnectorHarness, startConnector } from '../test-support/erp-connector.fixture';

const HUB = { '01': 'DC-RENO', '02': 'DC-ATLANTA', '90': '3PL-DALLAS' } as const;

interface Rejection {
  feed: string;
  sourceKey: string;
  reason: string;
  field: string;
  message: string;
  resolvedAt: string | null;
}

describe('erp-connector: ERP item master and stock to their compacted topics', () => {
  const harness = erpConnectorHarness('erp-feeds');
  let erp: ErpFeedSimulator;
  let service: RunningService;
  let baseUrl: string;
  let items: TableTopicRecorder<ItemMaster>;
  let positions: TableTopicRecorder<InventoryPosition>;

  const position = (sku: string, warehouse: keyof typeof HUB) => positions.table().get(`${sku}@${HUB[warehouse]}`);
  const published = (sku: string, warehouse: keyof typeof HUB, onHand: number) =>
    waitFor(() => (position(sku, warehouse)?.onHand === onHand ? true : undefined), { what: `${sku}@${HUB[warehouse]} on hand ${onHand}` });

  beforeAll(async () => {
    await harness.setUp();
    erp = await startErpFeedSimulator({ seed: 11, itemCount: 40 });
    items = await harness.recordTable(Topics.itemMaster);
    positions = await harness.recordTable(Topics.erpInventoryPositions);
    ({ service, baseUrl } = await startConnector(harness, erp));
  });

  afterAll(async () => {
    await service?.stop();
    await erp?.stop();
    await harness.tearDown();
  });

  it('publishes the whole item master and every stock row on first start, keyed by the catalog format', async () => {
    const stockRows = erp.erp.stock.size;
    await waitFor(() => (items.table().size === 40 && positions.table().size === stockRows ? true : undefined), {
      what: `40 items and ${stockRows} positions`,
    });
    for (const record of items.records) expect(record.key).toBe(messageKey(Topics.itemMaster, record.value as ItemMaster));
    for (const record of positions.records) expect(record.key).toBe(messageKey(Topics.erpInventoryPositions, record.value as InventoryPosition));

    const erpItem = erp.erp.item('TENT-ULTRA-2P');
    expect(items.table().get('TENT-ULTRA-2P')).toEqual({
      sku: 'TENT-ULTRA-2P',
      description: erpItem?.description,
      baseUnitOfMeasure: 'EA',
      unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 4 }],
      gtins: erpItem?.barcodes,
      safetyStock: erpItem?.safetyStockQty,
      discontinued: false,
      substituteSku: null,
      weightGrams: 1250,
      sourceSystem: 'erp-sim',
      asOf: Date.parse(erpItem?.lastModified ?? ''),
      version: erpItem?.rowVersion,
    });
    for (const row of erp.erp.stockOf('TENT-ULTRA-2P')) {
      const warehouse = row.warehouseCode as keyof typeof HUB;
      expect(position('TENT-ULTRA-2P', warehouse)).toMatchObject({
        locationId: HUB[warehouse],
        locationType: warehouse === '90' ? 'THIRD_PARTY_LOGISTICS' : 'WAREHOUSE',
        onHand: row.onHandQty,
        allocated: row.committedQty,
        version: row.rowVersion,
      });
    }
    // A compacted table's record: correlation and idempotency key, no per-record message id (key and version identify it).
    const first = positions.records[0];
    expect(first?.headers).toMatchObject({ 'crossdock-correlation-id': first?.key, 'crossdock-idempotency-key': expect.stringContaining(`${first?.key}#`) });
    expect(first?.headers).not.toHaveProperty('crossdock-message-id');
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'ready' });
  });

  it('publishes receipts, adjustments and new items as they happen, each with a higher version', async () => {
    const before = position('STOVE-CAMP-2B', '02');
    erp.erp.receive('STOVE-CAMP-2B', '02', 30);
    erp.erp.adjust('STOVE-CAMP-2B', '02', -2);
    erp.erp.addItem({ itemNumber: 'LAMP-NEW-1', baseUom: 'EA', barcodes: ['4006381333931'] });
    erp.erp.setOnHand('LAMP-NEW-1', '01', 12);
    await published('STOVE-CAMP-2B', '02', (before?.onHand ?? 0) + 28);
    await published('LAMP-NEW-1', '01', 12);
    await waitFor(() => items.table().get('LAMP-NEW-1'), { what: 'the new item' });
    expect(position('STOVE-CAMP-2B', '02')?.version).toBeGreaterThan(before?.version ?? 0);
  });

  it('publishes a deleted item and its stock rows as tombstones', async () => {
    const rows = erp.erp.stockOf('TENT-ULTRA-2P').map((row) => `TENT-ULTRA-2P@${HUB[row.warehouseCode as keyof typeof HUB]}`);
    expect(rows.length).toBeGreaterThan(0);
    erp.erp.deleteItem('TENT-ULTRA-2P');
    await waitFor(() => (items.tombstones().includes('TENT-ULTRA-2P') ? true : undefined), { what: 'item tombstone' });
    await waitFor(() => (rows.every((key) => positions.tombstones().includes(key)) ? true : undefined), { what: 'position tombstones' });
    expect(items.table().has('TENT-ULTRA-2P')).toBe(false);
    expect(rows.some((key) => positions.table().has(key))).toBe(false);
  });

  it('rejects records it cannot map, lists them with the reason and counts them, and still publishes the rest', async () => {
    const negative = erp.erp.injectBadRecord('NEGATIVE_ON_HAND', 'STOVE-CAMP-2B');
    erp.erp.injectBadRecord('UNKNOWN_WAREHOUSE', 'STOVE-CAMP-2B');
    erp.erp.injectBadRecord('MISSING_SKU', 'STOVE-CAMP-2B');
    erp.erp.setOnHand('STOVE-CAMP-2B', '02', 61);
    await published('STOVE-CAMP-2B', '02', 61);

    const open = await waitFor(
      async () => {
        const response = await http<{ rejections: Rejection[] }>(`${baseUrl}/rejections`);
        return response.body.rejections.length >= 3 ? response.body.rejections : undefined;
      },
      { what: 'three open rejections' },
    );
    expect(open.map((r) => [r.feed, r.reason, r.sourceKey]).sort()).toEqual([
      ['items', 'MISSING_SKU', '(missing itemNumber)'],
      ['stock', 'NEGATIVE_ON_HAND', 'STOVE-CAMP-2B@01'],
      ['stock', 'UNKNOWN_WAREHOUSE', 'STOVE-CAMP-2B@ZZ'],
    ]);
    expect(open.find((r) => r.reason === 'NEGATIVE_ON_HAND')).toMatchObject({
      field: 'onHandQty',
      message: `onHandQty is ${(negative['record'] as { onHandQty: number }).onHandQty}`,
    });
    // Nothing of the refused records reached the topic: no '@ZZ' key, and DC-RENO kept its last good figure.
    expect(positions.records.some((r) => r.key.endsWith('@ZZ') || (r.value?.onHand ?? 0) < 0)).toBe(false);
    expect(await metricValue(baseUrl, 'crossdock_connector_rejections_total', { feed: 'stock', reason: 'NEGATIVE_ON_HAND' })).toBeGreaterThanOrEqual(1);

    // The ERP corrects the count: the row publishes again and its rejection is resolved.
    erp.erp.setOnHand('STOVE-CAMP-2B', '01', 5);
    await published('STOVE-CAMP-2B', '01', 5);
    await waitFor(
      async () => {
        const response = await http<{ rejections: Rejection[] }>(`${baseUrl}/rejections?feed=stock&status=resolved`);
        return response.body.rejections.some((r) => r.sourceKey === 'STOVE-CAMP-2B@01' && r.resolvedAt !== null) ? true : undefined;
      },
      { what: 'the negative on-hand rejection resolved' },
    );
    const stillOpen = await http<{ rejections: Rejection[] }>(`${baseUrl}/rejections?status=open`);
    expect(stillOpen.body.rejections.map((r) => r.reason).sort()).toEqual(['MISSING_SKU', 'UNKNOWN_WAREHOUSE']);
  });

  it('resync republishes the snapshot without moving the cursor', async () => {
    const status = await http<{ feeds: Array<{ feed: string; cursor: string }> }>(`${baseUrl}/status`);
    const counts = new Map(erp.erp.skus().map((sku) => [sku, items.forKey(sku).length]));
    const response = await http<{ reports: Array<{ feed: string; mode: string; upserts: number }> }>(`${baseUrl}/resync?feed=items`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(response.body.reports).toEqual([expect.objectContaining({ feed: 'items', mode: 'resync', upserts: erp.erp.skus().length })]);
    await waitFor(() => ([...counts].every(([sku, count]) => items.forKey(sku).length === count + 1) ? true : undefined), { what: 'every item once more' });
    const after = await http<{ feeds: Array<{ feed: string; cursor: string }> }>(`${baseUrl}/status`);
    expect(after.body.feeds.find((f) => f.feed === 'items')?.cursor).toBe(status.body.feeds.find((f) => f.feed === 'items')?.cursor);
  });

  it('answers 400 naming a bad parameter', async () => {
    expect(await http(`${baseUrl}/resync?feed=orders`, { method: 'POST' })).toMatchObject({ status: 400, body: { parameter: 'feed' } });
    expect(await http(`${baseUrl}/rejections?status=closed`)).toMatchObject({ status: 400, body: { parameter: 'status' } });
    expect(await http(`${baseUrl}/rejections?limit=0`)).toMatchObject({ status: 400, body: { parameter: 'limit' } });
    expect(await http(`${baseUrl}/rejections?colour=red`)).toMatchObject({ status: 400, body: { parameter: 'colour' } });
  });
});
