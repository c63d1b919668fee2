import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchemaRegistry } from './schema-registry.factory';

describe('createSchemaRegistry', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  /** How many requests in a row get no answer, like a registry (or a connection) that dropped them. */
  let unanswered = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      if (unanswered > 0) {
        unanswered--;
        return;
      }
      res.writeHead(200, { 'content-type': 'application/vnd.schemaregistry.v1+json' }).end(JSON.stringify({ id: 42, version: 1, schema: '"string"' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    requests = 0;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a request that got no answer again, and succeeds when the next attempt is answered', async () => {
    unanswered = 1;
    const registry = createSchemaRegistry(url, { timeoutMs: 300, initialRetryDelayMs: 10 });
    await expect(registry.getLatestSchemaId('orders-value')).resolves.toBe(42);
    expect(requests).toBe(2);
  });

  it('fails after its retries instead of waiting forever when no answer ever comes', async () => {
    unanswered = 100;
    const registry = createSchemaRegistry(url, { timeoutMs: 200, retries: 2, initialRetryDelayMs: 10 });
    const started = Date.now();
    await expect(registry.getLatestSchemaId('orders-value')).rejects.toThrow(/timeout/i);
    expect(requests).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    unanswered = 0;
  });
});
