import { BadRequestException } from '@nestjs/common';
import { availabilityQuerySchema, batchRequestSchema, parseOrThrow } from './query-params.parser';

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
    expect(parseOrThrow(availabilityQuerySchema, { sku: ' A ', channelAccountId: 'shop' })).toEqual({ sku: ' A ', channelAccountId: 'shop' });
    expect(parseOrThrow(availabilityQuerySchema, { sku: 'S'.repeat(200), channelAccountId: ' ' })).toEqual({ sku: 'S'.repeat(200), channelAccountId: ' ' });
    expect(problem(() => parseOrThrow(availabilityQuerySchema, { sku: 'S'.repeat(201), channelAccountId: 'shop' }))).toMatchObject({
      parameter: 'sku',
      message: 'sku is longer than 200 characters',
    });
    expect(problem(() => parseOrThrow(availabilityQuerySchema, { sku: 'A', channelAccountId: '' }))).toMatchObject({
      parameter: 'channelAccountId',
      message: 'channelAccountId must not be empty',
    });
  });

  it('names a missing parameter', () => {
    expect(problem(() => parseOrThrow(availabilityQuerySchema, { sku: 'A' }))).toMatchObject({
      parameter: 'channelAccountId',
      message: 'channelAccountId is required',
    });
  });

  it('names a repeated query parameter, which arrives as an array', () => {
    expect(problem(() => parseOrThrow(availabilityQuerySchema, { sku: ['A', 'B'], channelAccountId: 'shop' }))).toMatchObject({
      parameter: 'sku',
      message: expect.stringContaining('expected string, received array'),
    });
    expect(problem(() => parseOrThrow(batchRequestSchema, { queries: [{ sku: 'A' }] }))).toMatchObject({
      parameter: 'queries.0.channelAccountId',
      message: 'queries.0.channelAccountId is required',
    });
  });

  it('names the offending entry of a batch, and the batch limits', () => {
    expect(
      problem(() =>
        parseOrThrow(batchRequestSchema, {
          queries: [
            { sku: 'A', channelAccountId: 'shop' },
            { sku: '', channelAccountId: 'shop' },
          ],
        }),
      ),
    ).toMatchObject({
      parameter: 'queries.1.sku',
    });
    expect(problem(() => parseOrThrow(batchRequestSchema, { queries: [] })).parameter).toBe('queries');
    const tooMany = Array.from({ length: 1001 }, () => ({ sku: 'A', channelAccountId: 'shop' }));
    expect(problem(() => parseOrThrow(batchRequestSchema, { queries: tooMany })).message).toContain('at most 1000');
    expect(problem(() => parseOrThrow(batchRequestSchema, undefined)).parameter).toBe('queries');
  });
});
