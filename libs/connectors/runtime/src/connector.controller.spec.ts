import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FeedPoller } from '@crossdock/connectors/domain';
import { connectorController } from './connector.controller';
import { CONNECTOR_FEEDS, REJECTION_LOG } from './connector.tokens';
import type { RejectionLog } from './rejection-log';

const poller = (feed: string) => ({ feed }) as unknown as FeedPoller;
const noRejections: RejectionLog = { list: () => Promise.resolve([]) };

describe('connectorController', () => {
  it('documents exactly its feeds as the values of `feed`', async () => {
    @Module({
      controllers: [connectorController(['items', 'stock'])],
      providers: [
        { provide: CONNECTOR_FEEDS, useValue: [poller('items'), poller('stock')] },
        { provide: REJECTION_LOG, useValue: noRejections },
      ],
    })
    class ConnectorTestModule {}
    const app = await NestFactory.create(ConnectorTestModule, { logger: false });
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    await app.close();
    const feedOf = (path: string, method: 'get' | 'post') => document.paths[path]?.[method]?.parameters?.find((p) => 'name' in p && p.name === 'feed');
    expect(feedOf('/rejections', 'get')).toMatchObject({ required: false, schema: { type: 'string', enum: ['items', 'stock'] } });
    expect(feedOf('/resync', 'post')).toMatchObject({ required: false, schema: { type: 'string', enum: ['items', 'stock'] } });
    expect(document.paths['/rejections']?.get?.parameters?.find((p) => 'name' in p && p.name === 'limit')).toMatchObject({
      schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
    });
  });

  it('refuses feeds other than the documented ones, so the document cannot drift from them', () => {
    const Controller = connectorController(['items', 'stock']) as new (feeds: FeedPoller[], log: RejectionLog) => unknown;
    expect(() => new Controller([poller('items')], noRejections)).toThrow('the connector documents feeds items, stock but was given items');
    expect(() => new Controller([poller('items'), poller('stock')], noRejections)).not.toThrow();
  });
});
