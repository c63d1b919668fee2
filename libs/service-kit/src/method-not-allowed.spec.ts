import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { allowedMethods, documentedPaths, rejectUndeclaredMethods } from './method-not-allowed';

describe('allowedMethods', () => {
  const paths = documentedPaths({
    paths: {
      '/exceptions': { get: { responses: {} } },
      '/exceptions/replay': { post: { responses: {} } },
      '/exceptions/{orderId}/replay': { post: { responses: {} } },
      '/items/{id}': { get: { responses: {} }, delete: { responses: {} } },
      '/items/batch': { post: { responses: {} } },
    },
  });

  it('lists what the path declares, HEAD with GET, and OPTIONS', () => {
    expect(allowedMethods(paths, '/exceptions')).toEqual(['GET', 'OPTIONS', 'HEAD']);
    expect(allowedMethods(paths, '/exceptions/replay')).toEqual(['POST', 'OPTIONS']);
  });

  it('matches a path parameter as one segment, never across a slash', () => {
    expect(allowedMethods(paths, '/exceptions/SHOPIFY:acme:1/replay')).toEqual(['POST', 'OPTIONS']);
    expect(allowedMethods(paths, '/exceptions/a/b/replay')).toBeUndefined();
  });

  it('joins every documented path a request matches (a literal segment can also be a parameter)', () => {
    expect(allowedMethods(paths, '/items/batch')).toEqual(['GET', 'POST', 'DELETE', 'OPTIONS', 'HEAD']);
  });

  it('ignores a trailing slash and letter case, as the router does', () => {
    expect(allowedMethods(paths, '/exceptions/')).toEqual(['GET', 'OPTIONS', 'HEAD']);
    expect(allowedMethods(paths, '/Exceptions')).toEqual(['GET', 'OPTIONS', 'HEAD']);
  });

  it('knows nothing of a path the document does not name', () => {
    expect(allowedMethods(paths, '/nowhere')).toBeUndefined();
    expect(allowedMethods(paths, '/exceptionsX')).toBeUndefined();
  });
});

@Controller('orders')
class OrdersController {
  @Get()
  list(): { orders: string[] } {
    return { orders: [] };
  }

  @Post(':orderId/replay')
  replay(@Param('orderId') orderId: string): { replayed: string } {
    return { replayed: orderId };
  }
}

@Module({ controllers: [OrdersController] })
class OrdersModule {}

describe('rejectUndeclaredMethods in a Nest app', () => {
  let app: INestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    app = await NestFactory.create(OrdersModule, { logger: false });
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    rejectUndeclaredMethods(app, document);
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(() => app.close());

  it('answers an undeclared method on a documented path 405 with Allow', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      const response = await fetch(`${baseUrl}/orders`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, OPTIONS, HEAD');
      expect(await response.json()).toEqual({
        statusCode: 405,
        error: 'Method Not Allowed',
        message: `${method} is not allowed on /orders; allowed: GET, OPTIONS, HEAD`,
      });
    }
    const get = await fetch(`${baseUrl}/orders/o-1/replay`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('answers OPTIONS 204 with the same Allow', async () => {
    const response = await fetch(`${baseUrl}/orders/o-1/replay`, { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('leaves declared methods to their routes, HEAD included', async () => {
    const list = await fetch(`${baseUrl}/orders?x=1`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ orders: [] });
    expect((await fetch(`${baseUrl}/orders`, { method: 'HEAD' })).status).toBe(200);
    const replay = await fetch(`${baseUrl}/orders/o-1/replay`, { method: 'POST' });
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual({ replayed: 'o-1' });
  });

  it('leaves an undocumented path to Nest: 404', async () => {
    expect((await fetch(`${baseUrl}/elsewhere`, { method: 'DELETE' })).status).toBe(404);
  });
});
