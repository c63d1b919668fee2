import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSchemaRegistry } from './schema-registry.factory';

describe('createSchemaRegistry', () => {
  let server: Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    // Accepts every request and never answers, like a registry that dropped it.
    server = createServer(() => void requests++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails a request that gets no answer instead of waiting forever', async () => {
    const registry = createSchemaRegistry(url, { timeoutMs: 300 });
    const started = Date.now();
    await expect(registry.getLatestSchemaId('orders-value')).rejects.toThrow(/timeout/i);
    expect(requests).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
