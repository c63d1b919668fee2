import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'node:querystring';
import { ServiceUnavailableException } from '@nestjs/common';
import type { AvailabilityQueryService, QueryAnswer } from './availability-query.service';
import type { ChannelAvailabilityDto } from './availability.dto';
import { availabilityReadPath } from './availability-read.path';
import type { AvailabilityQuery } from './query-params.parser';

const FIGURE = { sku: 'A', channelAccountId: 'shop', sellableQuantity: 4 } as ChannelAvailabilityDto;

/** The middleware on a bare HTTP server, query parsed like Express does; what it passes on answers 418 "next". */
async function serve(answer: (query: AvailabilityQuery) => QueryAnswer): Promise<{ url: string; server: Server; passedErrors: unknown[] }> {
  const passedErrors: unknown[] = [];
  const middleware = availabilityReadPath({ answer } as unknown as AvailabilityQueryService);
  const server = createServer((req: IncomingMessage & { query?: unknown }, res) => {
    req.query = parse(req.url?.split('?')[1] ?? '');
    middleware(req, res, (error?: unknown) => {
      if (error !== undefined) passedErrors.push(error);
      res.writeHead(418).end('next');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, passedErrors };
}

describe('availabilityReadPath (GET /availability ahead of Nest)', () => {
  let current: Awaited<ReturnType<typeof serve>> | undefined;
  afterEach(async () => {
    await new Promise((resolve) => current?.server.close(resolve));
    current = undefined;
  });

  it('answers the figure as JSON with the parsed query, ids as sent', async () => {
    const seen: AvailabilityQuery[] = [];
    current = await serve((query) => {
      seen.push(query);
      return { status: 200, availability: FIGURE };
    });
    const response = await fetch(`${current.url}/availability?sku=%20A%20&channelAccountId=shop`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual(FIGURE);
    expect(seen).toEqual([{ sku: ' A ', channelAccountId: 'shop' }]);
  });

  it('answers 404 with the error body and 400 naming the parameter, as the Nest route does', async () => {
    current = await serve(() => ({ status: 404, error: { statusCode: 404, code: 'UNKNOWN_SKU', message: 'no position' } }));
    const unknown = await fetch(`${current.url}/availability/?sku=A&channelAccountId=shop`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ statusCode: 404, code: 'UNKNOWN_SKU', message: 'no position' });
    const repeated = await fetch(`${current.url}/availability?sku=A&sku=B&channelAccountId=shop`);
    expect(repeated.status).toBe(400);
    expect(await repeated.json()).toMatchObject({
      statusCode: 400,
      code: 'INVALID_PARAMETER',
      parameter: 'sku',
      message: expect.stringContaining('expected string'),
    });
    const missing = await fetch(`${current.url}/availability?sku=A`);
    expect(await missing.json()).toMatchObject({ parameter: 'channelAccountId', message: 'channelAccountId: is required' });
  });

  it('answers 503 while the cache rebuilds', async () => {
    current = await serve(() => {
      throw new ServiceUnavailableException({ statusCode: 503, code: 'CACHE_REBUILDING', message: 'inventory cache is being rebuilt' });
    });
    const response = await fetch(`${current.url}/availability?sku=A&channelAccountId=shop`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ code: 'CACHE_REBUILDING' });
  });

  it('leaves other paths and methods to Nest, and hands a bug to its error handling', async () => {
    current = await serve(() => {
      throw new TypeError('bug');
    });
    for (const [path, method] of [
      ['/availability/batch', 'POST'],
      ['/availability', 'HEAD'],
      ['/availabilityx?sku=A', 'GET'],
      ['/health/ready', 'GET'],
    ] as const) {
      expect((await fetch(`${current.url}${path}`, { method })).status).toBe(418);
    }
    expect(current.passedErrors).toEqual([]);
    expect((await fetch(`${current.url}/availability?sku=A&channelAccountId=shop`)).status).toBe(418);
    expect(current.passedErrors).toEqual([expect.any(TypeError)]);
  });
});
