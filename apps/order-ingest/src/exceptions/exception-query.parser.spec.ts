import { BadRequestException } from '@nestjs/common';
import { parseOr400 } from '@crossdock/service-kit';
import { exceptionQuerySchema, replayManySchema, replayOneSchema } from './exception-query.parser';

const rejection = (attempt: () => unknown): Record<string, unknown> => {
  try {
    attempt();
  } catch (error) {
    if (error instanceof BadRequestException) return error.getResponse() as Record<string, unknown>;
    throw error;
  }
  throw new Error('expected a 400');
};

describe('exception API parameters', () => {
  it('reads query strings into typed filters with defaults', () => {
    expect(parseOr400(exceptionQuerySchema, { reason: 'CREDIT_HOLD', minAgeMinutes: '30' })).toEqual({
      status: 'HELD',
      reason: 'CREDIT_HOLD',
      minAgeMinutes: 30,
      limit: 100,
    });
  });

  it('names the first bad parameter, and lists every problem', () => {
    const body = rejection(() => parseOr400(exceptionQuerySchema, { limit: '9999', reason: 'NOPE' }));
    expect(body).toMatchObject({ statusCode: 400, code: 'INVALID_PARAMETER' });
    expect(['limit', 'reason']).toContain(body['parameter']);
    expect(body['problems']).toHaveLength(2);
  });

  it('names an unknown parameter instead of ignoring it (a typo must not silently widen the list)', () => {
    expect(rejection(() => parseOr400(exceptionQuerySchema, { resaon: 'CREDIT_HOLD' }))).toMatchObject({ parameter: 'resaon' });
  });

  it('requires the operator on a replay, a blank name naming no one', () => {
    expect(rejection(() => parseOr400(replayManySchema, { orderIds: ['a'] }))).toMatchObject({ parameter: 'requestedBy' });
    expect(rejection(() => parseOr400(replayOneSchema, { requestedBy: ' \t ' }))).toMatchObject({
      parameter: 'requestedBy',
      message: 'requestedBy: must name the operator',
    });
    expect(parseOr400(replayManySchema, { requestedBy: ' ops ', orderIds: ['a'] })).toEqual({ requestedBy: ' ops ', orderIds: ['a'] });
  });

  it('takes one to 500 orders on the batch replay, and none on the single one', () => {
    expect(rejection(() => parseOr400(replayManySchema, { requestedBy: 'ops', orderIds: [] }))).toMatchObject({ parameter: 'orderIds' });
    expect(rejection(() => parseOr400(replayManySchema, { requestedBy: 'ops', orderIds: Array.from({ length: 501 }, (_, i) => `o-${i}`) }))).toMatchObject({
      parameter: 'orderIds',
    });
    expect(rejection(() => parseOr400(replayOneSchema, { requestedBy: 'ops', orderIds: ['a'] }))).toMatchObject({ parameter: 'orderIds' });
  });

  it('reads an inverted age window as an empty one, and bounds ages at ten years', () => {
    expect(parseOr400(exceptionQuerySchema, { minAgeMinutes: '10', maxAgeMinutes: '5' })).toMatchObject({ minAgeMinutes: 10, maxAgeMinutes: 5 });
    expect(rejection(() => parseOr400(exceptionQuerySchema, { minAgeMinutes: '1e30' }))).toMatchObject({ parameter: 'minAgeMinutes' });
  });
});
