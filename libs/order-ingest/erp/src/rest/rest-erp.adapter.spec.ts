import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { startErpSimulator } from '@crossdock/erp/simulator';
import { contractPayload, describeErpOrderPortContract } from '../test-support/erp-order-port.contract-suite';
import { RestErpAdapter } from './rest-erp.adapter';

describeErpOrderPortContract('REST adapter', async (behaviour) => {
  const simulator = await startErpSimulator({ behaviour, apiKey: 'test-key' });
  const port = new RestErpAdapter({
    erpSystem: 'erp-sim',
    baseUrl: simulator.baseUrl,
    apiKey: 'test-key',
    timeoutMs: 2_000,
  });
  return { port, erp: simulator.erp, stop: () => simulator.stop() };
});

describe('RestErpAdapter specifics', () => {
  it("passes on the ERP's line numbers by channel line id, the same for a resubmission", async () => {
    const simulator = await startErpSimulator({ apiKey: 'test-key' });
    try {
      const port = new RestErpAdapter({ erpSystem: 'erp-sim', baseUrl: simulator.baseUrl, apiKey: 'test-key', timeoutMs: 2_000 });
      const payload = contractPayload('X:LINES');
      const expected = Object.fromEntries(payload.lines.map((line, i) => [line.channelLineId, String(i + 1)]));
      expect(payload.lines.length).toBeGreaterThan(1);
      expect(await port.submit(payload)).toMatchObject({ created: true, erpLineNumbers: expected });
      expect(await port.submit(payload)).toMatchObject({ created: false, erpLineNumbers: expected });
    } finally {
      await simulator.stop();
    }
  });

  it('leaves the line numbers out when the ERP does not give them', async () => {
    const server = createServer((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"erpOrderNumber":"SO-1"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port: p } = server.address() as AddressInfo;
      const port = new RestErpAdapter({ erpSystem: 'erp', baseUrl: `http://127.0.0.1:${p}/`, apiKey: null, timeoutMs: 2_000 });
      const submission = await port.submit(contractPayload('X:5'));
      expect(submission).toEqual({ erpOrderNumber: 'SO-1', created: true });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('treats rejected credentials as transient (an operations fix, not a reason to park orders)', async () => {
    const simulator = await startErpSimulator({ apiKey: 'right-key' });
    try {
      const port = new RestErpAdapter({
        erpSystem: 'erp-sim',
        baseUrl: simulator.baseUrl,
        apiKey: 'wrong-key',
        timeoutMs: 2_000,
      });
      await expect(port.submit(contractPayload('X:1'))).rejects.toMatchObject({
        name: 'ErpTransientError',
        kind: 'OUTAGE',
      });
      expect(simulator.erp.orders()).toHaveLength(0);
    } finally {
      await simulator.stop();
    }
  });

  it('maps an unreachable ERP to a transient NETWORK error', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port: freePort } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const port = new RestErpAdapter({
      erpSystem: 'erp-sim',
      baseUrl: `http://127.0.0.1:${freePort}`,
      apiKey: null,
      timeoutMs: 2_000,
    });
    await expect(port.submit(contractPayload('X:2'))).rejects.toMatchObject({
      name: 'ErpTransientError',
      kind: 'NETWORK',
    });
  });

  it('maps a slow ERP to a transient TIMEOUT', async () => {
    const simulator = await startErpSimulator({ behaviour: { latencyMs: 500 } });
    try {
      const port = new RestErpAdapter({
        erpSystem: 'erp-sim',
        baseUrl: simulator.baseUrl,
        apiKey: null,
        timeoutMs: 50,
      });
      const error = await port.submit(contractPayload('X:3')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErpTransientError);
      expect(error).toMatchObject({ kind: 'TIMEOUT' });
    } finally {
      await simulator.stop();
    }
  });

  it('reports a 2xx without an order number as a protocol error, not success', async () => {
    const server = createServer((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port: p } = server.address() as AddressInfo;
      const port = new RestErpAdapter({
        erpSystem: 'erp',
        baseUrl: `http://127.0.0.1:${p}/`,
        apiKey: null,
        timeoutMs: 2_000,
      });
      const error = await port.submit(contractPayload('X:4')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErpPermanentError);
      expect(error).toMatchObject({ code: 'PROTOCOL' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
