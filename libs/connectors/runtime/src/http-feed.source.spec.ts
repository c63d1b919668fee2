import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startErpFeedSimulator, type ErpFeedSimulator } from '@crossdock/connectors/simulators';
import { CursorExpiredError } from '@crossdock/connectors/domain';
import { HttpFeedSource, SourceUnavailableError } from './http-feed.source';

/** A server answering every request with `handler`, for the ways a source misbehaves. */
async function misbehaving(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('HttpFeedSource', () => {
  let sim: ErpFeedSimulator;
  const servers: Server[] = [];

  beforeAll(async () => {
    sim = await startErpFeedSimulator({ itemCount: 5, apiKey: 'secret' });
  });
  afterAll(async () => {
    await sim.stop();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('pages the change feed and the snapshot of a source, with its API key', async () => {
    const source = new HttpFeedSource({ baseUrl: `${sim.baseUrl}/`, feedPath: '/api/stock', apiKey: 'secret', timeoutMs: 2_000 });
    const page = await source.changesSince('0', 3);
    expect(page.changes).toHaveLength(3);
    expect(page).toMatchObject({ nextToken: sim.erp.feedToken((page.changes[2] as { seq: number }).seq), hasMore: true });
    const snapshot = await source.snapshot(null, 100);
    expect(snapshot.records).toHaveLength(sim.erp.stock.size);
    expect(snapshot).toMatchObject({ nextPageToken: null, feedToken: sim.erp.feedToken() });
  });

  it('reports an outage, a refusal and an unreachable host as SourceUnavailableError with the cause', async () => {
    const source = new HttpFeedSource({ baseUrl: sim.baseUrl, feedPath: '/api/items', apiKey: 'secret', timeoutMs: 2_000 });
    sim.erp.outage.start();
    await expect(source.changesSince('0', 10)).rejects.toThrow(/answered 503/);
    sim.erp.outage.end();
    const noKey = new HttpFeedSource({ baseUrl: sim.baseUrl, feedPath: '/api/items', timeoutMs: 2_000 });
    await expect(noKey.changesSince('0', 10)).rejects.toThrow(/answered 401/);
    const nowhere = new HttpFeedSource({ baseUrl: 'http://127.0.0.1:1', feedPath: '/api/items', timeoutMs: 2_000 });
    await expect(nowhere.changesSince('0', 10)).rejects.toBeInstanceOf(SourceUnavailableError);
  });

  it('turns 410 Gone into CursorExpiredError, so the feed reloads the snapshot', async () => {
    const source = new HttpFeedSource({ baseUrl: sim.baseUrl, feedPath: '/api/items', apiKey: 'secret', timeoutMs: 2_000 });
    await expect(source.changesSince('other-12', 10)).rejects.toBeInstanceOf(CursorExpiredError);
  });

  it('gives up on a source that does not answer in time', async () => {
    const { url, server } = await misbehaving(() => undefined);
    servers.push(server);
    const source = new HttpFeedSource({ baseUrl: url, feedPath: '/api/items', timeoutMs: 150 });
    await expect(source.changesSince('0', 10)).rejects.toThrow(/no answer within 150 ms/);
  });

  it('refuses a page that breaks the protocol instead of guessing the next token', async () => {
    const { url, server } = await misbehaving((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ changes: [{ seq: 1 }], hasMore: false }));
    });
    servers.push(server);
    const source = new HttpFeedSource({ baseUrl: url, feedPath: '/api/items', timeoutMs: 1_000 });
    await expect(source.changesSince('0', 10)).rejects.toThrow(/breaks the feed protocol/);
  });
});
