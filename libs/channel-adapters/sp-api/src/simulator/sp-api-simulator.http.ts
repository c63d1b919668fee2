import { randomUUID } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SimulatedSellerCentral, type SellerCentralOptions, type SimulatedAnswer } from './simulated-seller-central';

export interface SpApiSimulatorOptions extends SellerCentralOptions {
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** When set, calls without this `x-amz-access-token` get 403 Unauthorized, as with a revoked token. */
  readonly accessToken?: string;
}

export interface SpApiSimulator {
  /** The orders and fault knobs, for tests and the demo. */
  readonly seller: SimulatedSellerCentral;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * The Orders API v0 endpoints the gateway polls, over real HTTP:
 *   GET /orders/v0/orders?MarketplaceIds=&LastUpdatedAfter=&LastUpdatedBefore=&MaxResultsPerPage=  | ?NextToken=
 *   GET /orders/v0/orders/{orderId}/orderItems[?NextToken=]
 * Answers carry SP-API's JSON shapes, errors included (`{ errors: [{ code, message }] }`).
 */
export async function startSpApiSimulator(options: SpApiSimulatorOptions = {}): Promise<SpApiSimulator> {
  const seller = new SimulatedSellerCentral(options);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sp-api');
    const answer = route(seller, req.method ?? 'GET', url, req.headers['x-amz-access-token'], options.accessToken);
    send(res, answer);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    seller,
    baseUrl: `http://${address}:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function route(seller: SimulatedSellerCentral, method: string, url: URL, token: string | string[] | undefined, expected: string | undefined): SimulatedAnswer {
  if (expected !== undefined && token !== expected) {
    return { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] } };
  }
  const path = url.pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  const isOrders = method === 'GET' && path.length === 3 && path.join('/') === 'orders/v0/orders';
  const isItems = method === 'GET' && path.length === 5 && path.slice(0, 3).join('/') === 'orders/v0/orders' && path[4] === 'orderItems';
  if (!isOrders && !isItems) return { status: 404, body: { errors: [{ code: 'NotFound', message: `No route ${method} ${url.pathname}` }] } };
  const failure = seller.injectedFailure();
  if (failure) return failure;
  return isOrders ? seller.getOrders(url.searchParams) : seller.getOrderItems(path[3] ?? '', url.searchParams);
}

function send(res: ServerResponse, answer: SimulatedAnswer): void {
  const body = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
    ...answer.headers,
  });
  res.end(body);
}
