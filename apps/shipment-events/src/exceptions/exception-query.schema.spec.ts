import { BadRequestException } from '@nestjs/common';
import { parseOr400 } from '@crossdock/service-kit';
import { exceptionIdSchema, exceptionQuerySchema, replayRequestSchema } from './exception-query.schema';

function problemOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse();
    throw error;
  }
  throw new Error('expected a 400');
}

describe('exception API parameters', () => {
  it('defaults to the first page of open exceptions and coerces query text', () => {
    expect(parseOr400(exceptionQuerySchema, {})).toEqual({ status: 'OPEN', limit: 100, offset: 0 });
    expect(parseOr400(exceptionQuerySchema, { minAgeMinutes: '30', limit: '5', replayed: 'true' })).toMatchObject({
      minAgeMinutes: 30,
      limit: 5,
      replayed: 'true',
    });
  });

  it('names the first bad parameter, an unknown one by its name, and lists every problem', () => {
    expect(problemOf(() => parseOr400(exceptionQuerySchema, { reason: 'NOPE', limit: '0' }))).toMatchObject({
      statusCode: 400,
      code: 'INVALID_PARAMETER',
      parameter: 'reason',
      problems: [{ parameter: 'reason' }, { parameter: 'limit' }],
    });
    expect(problemOf(() => parseOr400(exceptionQuerySchema, { colour: 'red' }))).toMatchObject({ parameter: 'colour' });
  });

  it('takes exception ids that fit a bigint only', () => {
    expect(parseOr400(exceptionIdSchema, { id: '42' })).toEqual({ id: '42' });
    for (const id of ['0', '007', '-1', '1e3', '9999999999999999999']) {
      expect(problemOf(() => parseOr400(exceptionIdSchema, { id }))).toMatchObject({ parameter: 'id' });
    }
  });

  it('a replay names its operator; ages in a body filter are JSON numbers', () => {
    expect(parseOr400(replayRequestSchema, { requestedBy: 'ops@acme', ids: ['1'] })).toEqual({
      requestedBy: 'ops@acme',
      ids: ['1'],
      limit: 100,
      acceptTrackingReuse: false,
    });
    expect(problemOf(() => parseOr400(replayRequestSchema, { requestedBy: '\t' }))).toMatchObject({ parameter: 'requestedBy' });
    expect(problemOf(() => parseOr400(replayRequestSchema, { requestedBy: 'x', filter: { maxAgeMinutes: null } }))).toMatchObject({
      parameter: 'filter.maxAgeMinutes',
    });
    expect(problemOf(() => parseOr400(replayRequestSchema, null))).toMatchObject({ parameter: 'requestedBy' });
  });
});
