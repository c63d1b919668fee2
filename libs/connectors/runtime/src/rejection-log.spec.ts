import { BadRequestException } from '@nestjs/common';
import { parseOr400 } from '@crossdock/service-kit';
import { rejectionQuerySchema, resyncQuerySchema } from './rejection-log';

function badParameter(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return (error.getResponse() as { parameter: string }).parameter;
    throw error;
  }
  throw new Error('expected a 400');
}

describe('connector query parameters', () => {
  const feeds = ['items', 'stock'];

  it('defaults to the open rejections of every feed, 100 at most', () => {
    expect(parseOr400(rejectionQuerySchema(feeds), {})).toEqual({ status: 'open', limit: 100 });
    expect(parseOr400(rejectionQuerySchema(feeds), { feed: 'stock', reason: 'NEGATIVE_ON_HAND', status: 'all', limit: '5' })).toEqual({
      feed: 'stock',
      reason: 'NEGATIVE_ON_HAND',
      status: 'all',
      limit: 5,
    });
  });

  it('names the bad parameter in the 400', () => {
    expect(badParameter(() => parseOr400(rejectionQuerySchema(feeds), { feed: 'orders' }))).toBe('feed');
    expect(badParameter(() => parseOr400(rejectionQuerySchema(feeds), { reason: 'BAD_KARMA' }))).toBe('reason');
    expect(badParameter(() => parseOr400(rejectionQuerySchema(feeds), { limit: '2.5' }))).toBe('limit');
    expect(badParameter(() => parseOr400(rejectionQuerySchema(feeds), { sort: 'asc' }))).toBe('sort');
    expect(badParameter(() => parseOr400(resyncQuerySchema(feeds), { feed: 'inventory' }))).toBe('feed');
  });
});
