import { topicName, Topics, type ChannelAvailability, type InventoryPosition } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleInventoryPosition, sampleItemMaster, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http, type TopicRecorder } from '../test-support/availability.harness';

const NOW = Date.now();
const HOUR = 3_600_000;

/**
 * The sellable formula through the real pipeline: positions published on the ERP/WMS topics,
 * ChannelAvailability records read back from Kafka. Rules: libs/availability/domain/reference-data
 * (acme-outdoor 5 % buffer, all locations, inbound ≤ 72 h; amazon-us 10 % buffer, no 3PL, cap 250,
 * TENT-ULTRA-2P cap 20 and 15 fenced at DC-RENO; edi-summit-outfitters no buffer, inbound ≤ 336 h,
 * STOVE-CAMP-2B 120 fenced at DC-ATLANTA).
 */
describe('availability pipeline: positions in, channel availability out', () => {
  const harness = new AvailabilityHarness('positions');
  let service: RunningService;
  let baseUrl: string;
  let availability: TopicRecorder<ChannelAvailability>;
  let version = 1;

  const erp = (overrides: Partial<InventoryPosition>): InventoryPosition =>
    sampleInventoryPosition({ sourceSystem: 'erp', asOf: NOW, version: version++, ...overrides });
  const latest = (sku: string, channelAccountId: string): ChannelAvailability | undefined =>
    availability
      .values()
      .filter((r) => r.sku === sku && r.channelAccountId === channelAccountId)
      .at(-1);
  const expectFigures = (sku: string, expected: Record<string, number>) =>
    waitFor(
      () => {
        const figures = Object.fromEntries(Object.keys(expected).map((account) => [account, latest(sku, account)?.sellableQuantity]));
        return JSON.stringify(figures) === JSON.stringify(expected) ? figures : undefined;
      },
      { what: `${sku} figures ${JSON.stringify(expected)}`, timeoutMs: 60_000 },
    );

  beforeAll(async () => {
    await harness.setUp();
    availability = await harness.record(Topics.channelAvailability);
    ({ service, baseUrl } = await harness.startService());
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'ready' });
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
  });

  it('does not let a quality hold above on-hand eat stock at another location', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      erp({ sku: 'HOLD-1', locationId: 'DC-RENO', onHand: 10, qualityHold: 50 }),
      erp({ sku: 'HOLD-1', locationId: 'DC-ATLANTA', onHand: 20 }),
    ]);
    await expectFigures('HOLD-1', { 'edi-summit-outfitters': 20, 'acme-outdoor': 19, 'amazon-us': 18 });
    const record = latest('HOLD-1', 'edi-summit-outfitters');
    expect(record?.locations.find((l) => l.locationId === 'DC-RENO')).toMatchObject({ onHand: 10, qualityHold: 10, sellableQuantity: 0 });
    expect(record).toMatchObject({ channel: 'EDI', ruleSetVersion: '3', basedOnAsOf: NOW });
  });

  it('merges ERP on-hand with the larger of the ERP and WMS allocations, and subtracts WMS holds', async () => {
    await harness.publish(Topics.erpInventoryPositions, [erp({ sku: 'MERGE-1', locationId: 'DC-RENO', onHand: 50, allocated: 5 })]);
    await harness.publish(Topics.wmsInventoryPositions, [
      sampleInventoryPosition({ sku: 'MERGE-1', locationId: 'DC-RENO', onHand: 48, allocated: 12, qualityHold: 3, sourceSystem: 'wms', asOf: NOW, version: 1 }),
    ]);
    await expectFigures('MERGE-1', { 'edi-summit-outfitters': 35 });
  });

  it('applies safety stock from the item master, whichever arrives first', async () => {
    await harness.publish(Topics.erpInventoryPositions, [erp({ sku: 'SAFE-1', locationId: 'DC-RENO', onHand: 40 })]);
    await expectFigures('SAFE-1', { 'edi-summit-outfitters': 40 });
    await harness.publish(Topics.itemMaster, [sampleItemMaster({ sku: 'SAFE-1', safetyStock: 10, version: 1 })]);
    await expectFigures('SAFE-1', { 'edi-summit-outfitters': 30, 'acme-outdoor': 28, 'amazon-us': 27 });
  });

  it('caps exposure per SKU and hides ring-fenced units from other channel accounts', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      erp({ sku: 'TENT-ULTRA-2P', locationId: 'DC-RENO', onHand: 100 }),
      erp({ sku: 'TENT-ULTRA-2P', locationId: 'DC-ATLANTA', onHand: 100 }),
      erp({ sku: 'STOVE-CAMP-2B', locationId: 'DC-ATLANTA', onHand: 100 }),
      erp({ sku: 'STOVE-CAMP-2B', locationId: 'DC-RENO', onHand: 10 }),
    ]);
    // amazon: (100 + 100) - 10 % = 180, capped at 20; others lose amazon's 15 fenced at DC-RENO.
    await expectFigures('TENT-ULTRA-2P', { 'amazon-us': 20, 'acme-outdoor': 175, 'edi-summit-outfitters': 185 });
    expect(latest('TENT-ULTRA-2P', 'amazon-us')?.cap).toBe(20);
    // edi owns 120 fenced at DC-ATLANTA: it sees all 110, the others only DC-RENO's 10.
    await expectFigures('STOVE-CAMP-2B', { 'edi-summit-outfitters': 110, 'acme-outdoor': 9, 'amazon-us': 9 });
  });

  it('counts inbound supply only for channels whose window it falls in, and 3PL stock only where the 3PL serves', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      erp({
        sku: 'INBOUND-1',
        locationId: 'DC-RENO',
        onHand: 0,
        inbound: [
          { quantity: 25, expectedAt: NOW + 24 * HOUR, sourceType: 'ADVANCE_SHIP_NOTICE', reference: 'ASN-1' },
          { quantity: 40, expectedAt: NOW + 200 * HOUR, sourceType: 'PURCHASE_ORDER', reference: 'PO-9' },
        ],
      }),
      erp({ sku: '3PL-ONLY', locationId: '3PL-DALLAS', locationType: 'THIRD_PARTY_LOGISTICS', onHand: 30 }),
    ]);
    await expectFigures('INBOUND-1', { 'acme-outdoor': 23, 'amazon-us': 0, 'edi-summit-outfitters': 65 });
    await expectFigures('3PL-ONLY', { 'acme-outdoor': 28 });
    // Stock exists only where amazon is not served: a known zero for amazon, not an unknown.
    expect(latest('3PL-ONLY', 'amazon-us')).toBeUndefined();
    const amazon = await http<{ sellableQuantity: number }>(`${baseUrl}/availability?sku=3PL-ONLY&channelAccountId=amazon-us`);
    expect(amazon).toMatchObject({ status: 200, body: { sellableQuantity: 0 } });
  });

  it('publishes nothing for a SKU without positions and answers 404 for it', async () => {
    const unknown = await http<{ code: string }>(`${baseUrl}/availability?sku=NEVER-SEEN&channelAccountId=acme-outdoor`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'UNKNOWN_SKU' } });
    expect(availability.values().filter((r) => r.sku === 'NEVER-SEEN')).toEqual([]);
  });

  it('ignores late and duplicate versions, so a replay cannot roll stock back', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'ORDER-1', locationId: 'DC-ATLANTA', onHand: 50, asOf: NOW, version: 10 }),
      sampleInventoryPosition({ sku: 'ORDER-1', locationId: 'DC-ATLANTA', onHand: 999, asOf: NOW, version: 9 }),
      sampleInventoryPosition({ sku: 'ORDER-1', locationId: 'DC-ATLANTA', onHand: 777, asOf: NOW, version: 10 }),
      // Marker on the same key (same partition): once it is applied, the two before it were seen.
      sampleInventoryPosition({ sku: 'ORDER-1', locationId: 'DC-ATLANTA', onHand: 60, asOf: NOW, version: 11 }),
    ]);
    await expectFigures('ORDER-1', { 'edi-summit-outfitters': 60 });
    const figures = availability
      .values()
      .filter((r) => r.sku === 'ORDER-1' && r.channelAccountId === 'edi-summit-outfitters')
      .map((r) => r.sellableQuantity);
    expect(figures).not.toContain(999);
    expect(figures).not.toContain(777);
  });

  it('dead-letters invalid positions with the domain code, leaves the cache untouched, and keeps consuming', async () => {
    await harness.publish(Topics.erpInventoryPositions, [erp({ sku: 'BAD-1', locationId: 'DC-RENO', onHand: 30 })]);
    await expectFigures('BAD-1', { 'edi-summit-outfitters': 30 });
    await harness.publish(Topics.erpInventoryPositions, [
      erp({ sku: 'BAD-1', locationId: 'DC-RENO', onHand: 30, allocated: -5 }),
      erp({ sku: 'BAD-1', locationId: 'DC-NOWHERE', onHand: 30 }),
    ]);
    // Bytes that are not Avro at all, keyed like the SKU so they share its partition.
    await harness.rawProducer.send({
      topic: topicName(Topics.erpInventoryPositions, harness.namespace),
      messages: [{ key: 'BAD-1@DC-RENO', value: Buffer.from('{"onHand": "lots"}') }],
    });
    await harness.publish(Topics.erpInventoryPositions, [erp({ sku: 'BAD-1', locationId: 'DC-RENO', onHand: 31 })]);
    await expectFigures('BAD-1', { 'edi-summit-outfitters': 31 });

    const letters = await waitFor(
      () => {
        const mine = harness.deadLetters.records.filter((r) => r.sourceTopic.endsWith('erp-inventory-position.v1'));
        return mine.length >= 3 ? mine : undefined;
      },
      { what: 'three dead letters' },
    );
    expect(letters.map((r) => r.errorCode).sort()).toEqual(['MALFORMED_ENVELOPE', 'NEGATIVE_QUANTITY', 'UNKNOWN_LOCATION']);
    expect(letters.find((r) => r.errorCode === 'NEGATIVE_QUANTITY')?.errorMessage).toContain('allocated');
    expect(letters.every((r) => r.consumerGroup === `${harness.namespace}availability`)).toBe(true);
    // The refused negative allocation never reached the figures.
    const figures = availability
      .values()
      .filter((r) => r.sku === 'BAD-1' && r.channelAccountId === 'edi-summit-outfitters')
      .map((r) => r.sellableQuantity);
    expect(figures).toEqual([30, 31]);
  });

  it('removes a deleted SKU-location (a tombstone) from the live figures', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      erp({ sku: 'GONE-1', locationId: 'DC-RENO', onHand: 12 }),
      erp({ sku: 'GONE-1', locationId: 'DC-ATLANTA', onHand: 8 }),
    ]);
    await expectFigures('GONE-1', { 'edi-summit-outfitters': 20 });
    await harness.rawProducer.send({
      topic: topicName(Topics.erpInventoryPositions, harness.namespace),
      messages: [{ key: 'GONE-1@DC-RENO', value: null }],
    });
    await expectFigures('GONE-1', { 'edi-summit-outfitters': 8 });
    expect(
      harness.deadLetters.records.filter(
        (r) => r.sourceTopic.endsWith('erp-inventory-position.v1') && Buffer.from(r.key ?? []).toString() === 'GONE-1@DC-RENO',
      ),
    ).toEqual([]);
  });
});
