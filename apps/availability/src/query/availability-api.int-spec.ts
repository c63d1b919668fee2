import { Topics } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleInventoryPosition, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http } from '../test-support/availability.harness';

interface Availability {
  sku: string;
  channelAccountId: string;
  locationId: string | null;
  sellableQuantity: number;
  asOf: string;
  locations: Array<{ locationId: string; known: boolean; availableToChannel: number }>;
}
interface ApiError {
  statusCode: number;
  code: string;
  parameter?: string;
  message: string;
}

describe('query API: sellable quantity from the cache', () => {
  const harness = new AvailabilityHarness('query-api');
  const asOf = Date.UTC(2026, 10, 27, 8, 0, 0);
  let service: RunningService;
  let baseUrl: string;
  const get = <T>(query: string) => http<T>(`${baseUrl}/availability?${query}`);

  beforeAll(async () => {
    await harness.setUp();
    await harness.publish(Topics.erpInventoryPositions, [
      sampleInventoryPosition({ sku: 'Q-1', locationId: 'DC-RENO', onHand: 40, asOf, version: 1 }),
      sampleInventoryPosition({ sku: 'Q-1', locationId: 'DC-ATLANTA', onHand: 60, asOf: asOf - 60_000, version: 1 }),
    ]);
    ({ service, baseUrl } = await harness.startService());
    await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), { what: 'ready' });
  });

  afterAll(async () => {
    await service?.stop();
    await harness.tearDown();
  });

  it('answers a SKU for a channel account with the as-of time of the oldest position behind it', async () => {
    const { status, body } = await get<Availability>('sku=Q-1&channelAccountId=edi-summit-outfitters');
    expect(status).toBe(200);
    expect(body).toMatchObject({ sku: 'Q-1', channelAccountId: 'edi-summit-outfitters', locationId: null, sellableQuantity: 100 });
    expect(body.asOf).toBe(new Date(asOf - 60_000).toISOString());
    expect(body.locations.map((l) => [l.locationId, l.availableToChannel])).toEqual([
      ['DC-ATLANTA', 60],
      ['DC-RENO', 40],
    ]);
  });

  it('answers one location, before network-level deductions', async () => {
    const { status, body } = await get<Availability>('sku=Q-1&channelAccountId=acme-outdoor&locationId=DC-RENO');
    expect(status).toBe(200);
    expect(body).toMatchObject({ locationId: 'DC-RENO', sellableQuantity: 40, asOf: new Date(asOf).toISOString() });
    const unreported = await get<ApiError>('sku=Q-1&channelAccountId=acme-outdoor&locationId=3PL-DALLAS');
    expect(unreported).toMatchObject({ status: 404, body: { code: 'UNKNOWN_SKU_LOCATION' } });
  });

  it('answers 404 for an unknown SKU, not a zero', async () => {
    expect(await get<ApiError>('sku=NOPE&channelAccountId=acme-outdoor')).toMatchObject({ status: 404, body: { statusCode: 404, code: 'UNKNOWN_SKU' } });
  });

  it.each([
    ['channelAccountId=acme-outdoor', 'sku', 'is required'],
    ['sku=Q-1', 'channelAccountId', 'is required'],
    ['sku=&channelAccountId=acme-outdoor', 'sku', 'must not be empty'],
    ['sku=Q-1&sku=Q-2&channelAccountId=acme-outdoor', 'sku', 'expected string'],
    [`sku=${'Q'.repeat(201)}&channelAccountId=acme-outdoor`, 'sku', 'longer than 200'],
  ])('answers 400 naming the bad parameter for %s', async (query, parameter, message) => {
    const { status, body } = await get<ApiError>(query);
    expect(status).toBe(400);
    expect(body.parameter).toBe(parameter);
    expect(body.message).toContain(message);
  });

  it.each([
    ['sku=Q-1&channelAccountId=ebay-nowhere', 'UNKNOWN_CHANNEL_ACCOUNT', 'channelAccountId', 'not a configured channel account'],
    ['sku=Q-1&channelAccountId=%20acme-outdoor', 'UNKNOWN_CHANNEL_ACCOUNT', 'channelAccountId', 'not a configured channel account'],
    ['sku=Q-1&channelAccountId=acme-outdoor&locationId=DC-MARS', 'UNKNOWN_LOCATION', 'locationId', 'not a configured location'],
    ['sku=Q-1&channelAccountId=amazon-us&locationId=3PL-DALLAS', 'LOCATION_NOT_SERVING_CHANNEL', 'locationId', 'does not serve'],
  ])('answers 404 naming what is not configured for %s', async (query, code, parameter, message) => {
    const { status, body } = await get<ApiError>(query);
    expect(status).toBe(404);
    expect(body).toMatchObject({ statusCode: 404, code, parameter });
    expect(body.message).toContain(message);
  });

  it('answers the same body with or without a trailing slash, and HEAD through the Nest route', async () => {
    const plain = await get<Availability>('sku=Q-1&channelAccountId=amazon-us');
    const slashed = await http<Availability>(`${baseUrl}/availability/?sku=Q-1&channelAccountId=amazon-us`);
    expect(slashed.status).toBe(200);
    expect({ ...slashed.body, computedAt: undefined }).toEqual({ ...plain.body, computedAt: undefined });
    const head = await fetch(`${baseUrl}/availability?sku=Q-1&channelAccountId=amazon-us`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await fetch(`${baseUrl}/availability?sku=NOPE&channelAccountId=amazon-us`, { method: 'HEAD' })).status).toBe(404);
  });

  it('answers a batch in request order, unknown SKUs as per-result 404s', async () => {
    const { status, body } = await http<{ results: Array<{ status: number; availability?: Availability; error?: ApiError }> }>(
      `${baseUrl}/availability/batch`,
      {
        method: 'POST',
        body: {
          queries: [
            { sku: 'Q-1', channelAccountId: 'amazon-us' },
            { sku: 'NOPE', channelAccountId: 'amazon-us' },
            { sku: 'Q-1', channelAccountId: 'acme-outdoor', locationId: 'DC-ATLANTA' },
          ],
        },
      },
    );
    expect(status).toBe(200);
    expect(body.results.map((r) => [r.status, r.availability?.sellableQuantity ?? r.error?.code])).toEqual([
      [200, 90],
      [404, 'UNKNOWN_SKU'],
      [200, 60],
    ]);
  });

  it('answers 400 naming the offending batch entry', async () => {
    const bad = await http<ApiError>(`${baseUrl}/availability/batch`, {
      method: 'POST',
      body: { queries: [{ sku: 'Q-1', channelAccountId: 'amazon-us' }, { sku: 'Q-1' }] },
    });
    expect(bad).toMatchObject({ status: 400, body: { parameter: 'queries.1.channelAccountId' } });
    expect(await http<ApiError>(`${baseUrl}/availability/batch`, { method: 'POST', body: {} })).toMatchObject({ status: 400, body: { parameter: 'queries' } });
    expect(await http<ApiError>(`${baseUrl}/availability/batch`, { method: 'POST', body: { queries: [] } })).toMatchObject({
      status: 400,
      body: { parameter: 'queries' },
    });
  });

  it("answers an unknown channel account in a batch as that result's 404", async () => {
    const { status, body } = await http<{ results: Array<{ status: number; error?: ApiError }> }>(`${baseUrl}/availability/batch`, {
      method: 'POST',
      body: {
        queries: [
          { sku: 'Q-1', channelAccountId: 'amazon-us' },
          { sku: 'Q-1', channelAccountId: 'nope' },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual([200, 404]);
    expect(body.results[1]?.error).toMatchObject({ code: 'UNKNOWN_CHANNEL_ACCOUNT', parameter: 'queries.1.channelAccountId' });
  });

  it('answers an undeclared method on its paths 405 with Allow', async () => {
    const response = await fetch(`${baseUrl}/availability`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, OPTIONS, HEAD');
  });

  it('documents the API as OpenAPI at /docs', async () => {
    const { status, body } = await http<{ paths: Record<string, unknown> }>(`${baseUrl}/docs-json`);
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/availability', '/availability/batch']));
    expect((await fetch(`${baseUrl}/docs`)).status).toBe(200);
  });
});
