import { startErpFeedSimulator, type ErpFeedSimulator } from '../erp/erp-feed.simulator';

describe('feed server (ERP simulator over HTTP)', () => {
  let sim: ErpFeedSimulator;
  const get = async (path: string, headers: Record<string, string> = { authorization: 'Bearer k1' }) => {
    const response = await fetch(`${sim.baseUrl}${path}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json().catch(() => undefined)) as Record<string, unknown> };
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${sim.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> };
  };

  beforeAll(async () => {
    sim = await startErpFeedSimulator({ itemCount: 10, apiKey: 'k1', clock: () => Date.parse('2026-11-27T00:00:00Z') });
  });
  afterAll(() => sim.stop());

  it('serves the change feed and the snapshot of each table', async () => {
    const page = await get('/api/stock/changes?since=0&limit=3');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ hasMore: true });
    expect((page.body['changes'] as unknown[]).length).toBe(3);
    const snapshot = await get('/api/items/snapshot?limit=4');
    expect(snapshot.body).toMatchObject({ nextPageToken: expect.any(String), feedToken: sim.erp.feedToken() });
  });

  it('answers 410 Gone for a token from another incarnation of the ERP', async () => {
    expect(await get('/api/items/changes?since=zz9-3')).toMatchObject({ status: 410, body: { code: 'CURSOR_EXPIRED' } });
  });

  it('answers 503 with Retry-After during an outage, and serves again after it', async () => {
    await post('/_sim/outage', { durationMs: 60_000 });
    const down = await get('/api/items/changes?since=0');
    expect(down.status).toBe(503);
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sim.erp.outage.refusedRequests()).toBe(1);
    await fetch(`${sim.baseUrl}/_sim/outage`, { method: 'DELETE' });
    expect((await get('/api/items/changes?since=0')).status).toBe(200);
  });

  it('names the bad parameter in a 400, and wants the API key', async () => {
    expect(await get('/api/items/changes?since=x')).toMatchObject({ status: 400, body: { parameter: 'since' } });
    expect(await get('/api/items/changes')).toMatchObject({ status: 400, body: { parameter: 'since' } });
    expect(await get('/api/items/changes?since=0&limit=-1')).toMatchObject({ status: 400, body: { parameter: 'limit' } });
    expect((await get('/api/items/changes?since=0', {})).status).toBe(401);
    expect((await get('/api/nothing/changes?since=0')).status).toBe(404);
  });

  it('runs remote controls, refusing impossible ones with a 400', async () => {
    const set = await post('/_sim/set-on-hand', { sku: 'TENT-ULTRA-2P', warehouseCode: '01', onHandQty: 77 });
    expect(set).toMatchObject({ status: 200, body: { result: { onHandQty: 77 } } });
    expect(sim.erp.stockRow('TENT-ULTRA-2P', '01')?.onHandQty).toBe(77);
    expect(await post('/_sim/receive', { sku: 'NOPE', warehouseCode: '01', qty: 1 })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('no stock row') },
    });
    expect((await post('/_sim/tick', { events: 3 })).body['result']).toHaveLength(3);
  });
});
