import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceProcess } from './service.process';

describe('ServiceProcess.waitReady', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // Another service already listening on the port this one was given.
    server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ready', service: 'wms-connector' })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('does not take another service answering on its port for its own readiness', async () => {
    await expect(new ServiceProcess('order-ingest', {}, port).waitReady(5_000)).rejects.toThrow(/answered by wms-connector, not order-ingest/);
  });

  it('accepts its own answer', async () => {
    await expect(new ServiceProcess('wms-connector', {}, port).waitReady(5_000)).resolves.toBeGreaterThanOrEqual(0);
  });
});
