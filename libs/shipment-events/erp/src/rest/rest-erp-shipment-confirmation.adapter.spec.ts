import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErpPermanentError } from '@crossdock/erp/domain';
import { startErpSimulator } from '@crossdock/erp/simulator';
import { bookContractOrder, contractPackage, describeErpShipmentConfirmationContract } from '../test-support/erp-shipment-confirmation-port.contract-suite';
import { RestErpShipmentConfirmationAdapter } from './rest-erp-shipment-confirmation.adapter';

describeErpShipmentConfirmationContract('REST adapter', async (behaviour) => {
  const simulator = await startErpSimulator({ behaviour, apiKey: 'test-key' });
  const port = new RestErpShipmentConfirmationAdapter({ erpSystem: 'erp-sim', baseUrl: simulator.baseUrl, apiKey: 'test-key', timeoutMs: 2_000 });
  return { port, erp: simulator.erp, stop: () => simulator.stop() };
});

describe('RestErpShipmentConfirmationAdapter specifics', () => {
  it('sends the package reference as the Idempotency-Key of POST /orders/{externalId}/fulfillments', async () => {
    const seen: { url?: string; key?: string | string[]; body?: string } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        Object.assign(seen, { url: req.url, key: req.headers['idempotency-key'], body });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ goodsIssueNumber: 'GI-1', postedAt: '2026-12-07T10:00:00.000Z' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port: p } = server.address() as AddressInfo;
      const port = new RestErpShipmentConfirmationAdapter({ erpSystem: 'erp', baseUrl: `http://127.0.0.1:${p}/api/`, apiKey: null, timeoutMs: 2_000 });
      const result = await port.confirm(contractPackage('PKG/1', 'SO-1'));
      expect(result).toEqual({ erpDocumentNumber: 'GI-1', postedAt: Date.UTC(2026, 11, 7, 10), created: true });
      expect(seen.url).toBe('/api/orders/SHOPIFY%3Aacme-outdoor%3A1001/fulfillments');
      expect(seen.key).toBe('PKG/1');
      expect(JSON.parse(seen.body ?? '{}')).toMatchObject({ packageReference: 'PKG/1', shipDate: '2026-12-07T00:00:00.000Z', carrierCode: 'UPSN' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports a 2xx without a goods issue number as a protocol error, not success', async () => {
    const simulator = await startErpSimulator();
    const server = createServer((_req, res) => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port: p } = server.address() as AddressInfo;
      const port = new RestErpShipmentConfirmationAdapter({ erpSystem: 'erp', baseUrl: `http://127.0.0.1:${p}`, apiKey: null, timeoutMs: 2_000 });
      const error = await port.confirm(contractPackage('PKG-9', bookContractOrder(simulator.erp))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ErpPermanentError);
      expect(error).toMatchObject({ code: 'PROTOCOL' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await simulator.stop();
    }
  });

  it('the simulated ERP refuses an Idempotency-Key that is not the package reference (400, permanent)', async () => {
    const simulator = await startErpSimulator();
    try {
      const erpOrderNumber = bookContractOrder(simulator.erp);
      const response = await fetch(`${simulator.baseUrl}/orders/${encodeURIComponent('SHOPIFY:acme-outdoor:1001')}/fulfillments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'OTHER' },
        body: JSON.stringify({ ...contractPackage('PKG-10', erpOrderNumber), shipDate: '2026-12-07T00:00:00.000Z' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ message: expect.stringContaining("'OTHER' is not the package reference 'PKG-10'") });
      expect(simulator.erp.goodsIssues()).toHaveLength(0);
    } finally {
      await simulator.stop();
    }
  });
});
