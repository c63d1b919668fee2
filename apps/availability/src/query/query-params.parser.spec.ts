import { BadRequestException } from '@nestjs/common';
import { parseOr400 } from '@crossdock/service-kit';
import { availabilityQuerySchema, batchRequestSchema } from './query-params.parser';

function problem(run: () => unknown): { parameter: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse() as { parameter: string; message: string };
    throw error;
  }
  throw new Error('expected a 400');
}

describe('query parameter parsing', () => {
  it('accepts a SKU and channel account as sent, 1 to 200 characters (the OpenAPI document says so)', () => {
    expect(parseOr400(availabilityQuerySchema, { sku: ' A ', channelAccountId: 'shop' })).toEqual({ sku: ' A ', channelAccountId: 'shop' });
    expect(parseOr400(availabilityQuerySchema, { sku: 'S'.repeat(200), channelAccountId: ' ' })).toEqual({ sku: 'S'.repeat(200), channelAccountId: ' ' });
    expect(problem(() => parseOr400(availabilityQuerySchema, { sku: 'S'.repeat(201), channelAccountId: 'shop' }))).toMatchObject({
      parameter: 'sku',
      message: 'sku: is longer than 200 characters',
    });
    expect(problem(() => parseOr400(availabilityQuerySchema, { sku: 'A', channelAccountId: '' }))).toMatchObject({
      parameter: 'channelAccountId',
      message: 'channelAccountId: must not be empty',
    });
  });

  it('names a missing parameter', () => {
    expect(problem(() => parseOr400(availabilityQuerySchema, { sku: 'A' }))).toMatchObject({
      parameter: 'channelAccountId',
      message: 'channelAccountId: is required',
    });
  });

  it('names a repeated query parameter, which arrives as an array', () => {
    expect(problem(() => parseOr400(availabilityQuerySchema, { sku: ['A', 'B'], channelAccountId: 'shop' }))).toMatchObject({
      parameter: 'sku',
      message: expect.stringContaining('expected string, received array'),
    });
    expect(problem(() => parseOr400(batchRequestSchema, { queries: [{ sku: 'A' }] }))).toMatchObject({
      parameter: 'queries.0.channelAccountId',
      message: 'queries.0.channelAccountId: is required',
    });
  });

  it('names the offending entry of a batch, and the batch limits', () => {
    expect(
      problem(() =>
        parseOr400(batchRequestSchema, {
          queries: [
            { sku: 'A', channelAccountId: 'shop' },
            { sku: '', channelAccountId: 'shop' },
          ],
        }),
      ),
    ).toMatchObject({
      parameter: 'queries.1.sku',
    });
    expect(problem(() => parseOr400(batchRequestSchema, { queries: [] })).parameter).toBe('queries');
    const tooMany = Array.from({ length: 1001 }, () => ({ sku: 'A', channelAccountId: 'shop' }));
    expect(problem(() => parseOr400(batchRequestSchema, { queries: tooMany })).message).toContain('at most 1000');
    expect(problem(() => parseOr400(batchRequestSchema, undefined)).parameter).toBe('queries');
  });
});
