import { Topics, type ChannelAvailability } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { startTelemetry, type TelemetryHandle } from '@crossdock/observability';
import { waitForTrace } from '@crossdock/observability/testing';
import { sampleInventoryPosition, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http, type TopicRecorder } from '../test-support/availability.harness';

describe('publication: only changed figures, bursts coalesced, traced from the position', () => {
  const harness = new AvailabilityHarness('publication');
  let telemetry: TelemetryHandle;
  let service: RunningService;
  let availability: TopicRecorder<ChannelAvailability>;
  const recordsOf = (sku: string, account: string) => availability.records.filter((r) => r.value.sku === sku && r.value.channelAccountId === account);

  beforeAll(async () => {
    telemetry = startTelemetry({ serviceName: 'availability', otlpEndpoint: harness.env.otlpEndpoint });
    await harness.setUp();
    availability = await harness.record(Topics.channelAvailability);
    let baseUrl: string;
    ({ service, baseUrl } = await harness.startService({ AVAILABILITY_COALESCING_WINDOW_MS: '250' }));
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'ready' });
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
    await telemetry?.shutdown();
  });

  it('turns 1,000 updates of one SKU within a second into a handful of records, the last one correct', async () => {
    // Warm the producer and the schema id cache, so the burst itself is timed.
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'WARM-1', locationId: 'DC-RENO', onHand: 1, asOf: Date.now(), version: 1 }),
    ]);
    const positions = Array.from({ length: 1_000 }, (_, i) =>
      sampleInventoryPosition({ sku: 'HOT-1', locationId: 'DC-ATLANTA', onHand: 1_999 - i, asOf: Date.now(), version: i + 1 }),
    );
    // One produce request: the 1,000 updates are appended together (one timestamp), so the burst is
    // "within a second" by construction, whatever the load on this shared machine.
    await harness.publish(Topics.erpInventoryPositions, positions);
    const final = await waitFor(
      () => {
        const last = recordsOf('HOT-1', 'edi-summit-outfitters').at(-1);
        return last?.value.sellableQuantity === 1_000 ? last : undefined;
      },
      { what: 'the final figure 1000', timeoutMs: 60_000 },
    );
    // Let any straggling window close, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const records = recordsOf('HOT-1', 'edi-summit-outfitters');
    expect(records.length).toBeGreaterThanOrEqual(2);
    expect(records.length).toBeLessThan(50);
    expect(records.at(-1)).toEqual(final);
    const versions = records.map((r) => r.value.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(final.key).toBe('HOT-1@edi-summit-outfitters');
  });

  it('does not publish a figure that did not change', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'STEADY-1', locationId: 'DC-RENO', onHand: 10, asOf: Date.now(), version: 1 }),
    ]);
    await waitFor(() => (recordsOf('STEADY-1', 'edi-summit-outfitters').length === 1 ? true : undefined), { what: 'first STEADY-1 record' });
    // New version, same stock; then a change on another SKU in the same partition order as a marker.
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'STEADY-1', locationId: 'DC-RENO', onHand: 10, asOf: Date.now(), version: 2 }),
    ]);
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'STEADY-1', locationId: 'DC-RENO', onHand: 11, asOf: Date.now(), version: 3 }),
    ]);
    await waitFor(() => (recordsOf('STEADY-1', 'edi-summit-outfitters').at(-1)?.value.sellableQuantity === 11 ? true : undefined), { what: 'STEADY-1 at 11' });
    expect(recordsOf('STEADY-1', 'edi-summit-outfitters').map((r) => r.value.sellableQuantity)).toEqual([10, 11]);
  });

  it('traces a position change through the consumer to the availability record in Jaeger', async () => {
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'TRACE-1', locationId: 'DC-RENO', onHand: 5, asOf: Date.now(), version: 1 }),
    ]);
    const record = await waitFor(() => recordsOf('TRACE-1', 'edi-summit-outfitters').at(-1), { what: 'TRACE-1 published' });
    const traceId = record.headers['traceparent']?.split('-')[1];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    await telemetry.flush();
    const trace = await waitForTrace(harness.env.jaegerQueryUrl, traceId ?? '', { minSpans: 4, timeoutMs: 60_000 });
    const names = trace.spans.map((span) => span.operationName);
    expect(names).toEqual(
      expect.arrayContaining([
        `${Topics.erpInventoryPositions.name} send`,
        `${Topics.erpInventoryPositions.name} process`,
        'availability publish',
        `${Topics.channelAvailability.name} send`,
      ]),
    );
  });
});
