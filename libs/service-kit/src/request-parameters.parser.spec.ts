import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { openApiSchemaOf } from './zod-openapi';
import { ageInMinutes, limitParameter, MAX_AGE_MINUTES } from './query-parameters.schema';
import { parseOr400, type InvalidParameterCode } from './request-parameters.parser';

const listQuery = z
  .object({
    status: z.enum(['OPEN', 'RESOLVED'], { message: 'must be one of OPEN, RESOLVED' }).default('OPEN'),
    account: z.string().min(1, 'must not be empty'),
    minAgeMinutes: ageInMinutes().optional(),
    limit: limitParameter(),
  })
  .strict();
const replayBody = z.object({
  requestedBy: z.string().min(1),
  ids: z.array(z.string().regex(/^[1-9][0-9]*$/)).min(1),
  filter: z.object({ maxAgeMinutes: ageInMinutes('json').optional() }).optional(),
});

function refusal(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestException) return { status: error.getStatus(), ...(error.getResponse() as Record<string, unknown>) };
    throw error;
  }
  throw new Error('expected a 400');
}

const refused = (input: unknown, code?: InvalidParameterCode) => refusal(() => parseOr400(listQuery, input, code));

describe('parseOr400: request parameters by the schema the document is generated from', () => {
  it('returns the typed, coerced data with defaults', () => {
    expect(parseOr400(listQuery, { account: 'acme', minAgeMinutes: '30', limit: '5' })).toEqual({
      status: 'OPEN',
      account: 'acme',
      minAgeMinutes: 30,
      limit: 5,
    });
    expect(parseOr400(listQuery, { account: 'acme' })).toEqual({ status: 'OPEN', account: 'acme', limit: 100 });
  });

  it('answers 400 INVALID_PARAMETER naming the first bad parameter, with every problem listed', () => {
    expect(refused({ account: 'acme', status: 'LOST', limit: '0' })).toEqual({
      status: 400,
      statusCode: 400,
      code: 'INVALID_PARAMETER',
      parameter: 'status',
      message: 'status: must be one of OPEN, RESOLVED',
      problems: [
        { parameter: 'status', message: 'must be one of OPEN, RESOLVED' },
        { parameter: 'limit', message: 'must be 1 to 500' },
      ],
    });
  });

  it('names an unknown parameter by its name, and a missing one as required', () => {
    expect(refused({ account: 'acme', colour: 'red' })).toMatchObject({ parameter: 'colour', message: 'colour: Unrecognized key: "colour"' });
    expect(refused({})).toMatchObject({ parameter: 'account', message: 'account: is required' });
    expect(refused(undefined)).toMatchObject({ parameter: 'account', message: 'account: is required' });
  });

  it('calls a repeated query parameter (an array) the wrong type, not missing', () => {
    expect(refused({ account: ['a', 'b'] })).toMatchObject({ parameter: 'account', message: 'account: Invalid input: expected string, received array' });
  });

  it('names a body field by its path, and a body that is not an object as the whole request', () => {
    expect(refusal(() => parseOr400(replayBody, { requestedBy: 'ops', ids: ['1', '07'] }))).toMatchObject({ parameter: 'ids.1' });
    expect(refusal(() => parseOr400(replayBody, { requestedBy: 'ops', ids: ['1'], filter: { maxAgeMinutes: null } }))).toMatchObject({
      parameter: 'filter.maxAgeMinutes',
      message: expect.stringContaining('expected number, received null'),
    });
    expect(refusal(() => parseOr400(replayBody, [1]))).toMatchObject({ parameter: '(request)', problems: [{ parameter: '(request)' }] });
  });

  it("answers QUERY_INVALID with `field` where a service's API documents that shape", () => {
    expect(refused({ account: 'acme', limit: 'many' }, 'QUERY_INVALID')).toEqual({
      status: 400,
      statusCode: 400,
      code: 'QUERY_INVALID',
      field: 'limit',
      message: 'limit: Invalid input: expected number, received NaN',
    });
  });
});

describe('shared query parameter schemas', () => {
  it('an age is 0 to ten years of whole minutes: coerced from query text, a JSON number in a body', () => {
    expect(ageInMinutes().parse('0')).toBe(0);
    expect(ageInMinutes().parse(String(MAX_AGE_MINUTES))).toBe(MAX_AGE_MINUTES);
    for (const bad of ['-1', '1.5', '1e30', 'soon']) expect(ageInMinutes().safeParse(bad).success).toBe(false);
    expect(ageInMinutes('json').parse(30)).toBe(30);
    expect(ageInMinutes('json').safeParse('30').success).toBe(false);
    expect(ageInMinutes('json').safeParse(null).success).toBe(false);
  });

  it('a limit is 1 to max, a default when not given, and documented so', () => {
    expect(limitParameter(1000, 200).parse(undefined)).toBe(200);
    expect(limitParameter(1000, 200).parse('1000')).toBe(1000);
    expect(limitParameter().safeParse('501').error?.issues[0]?.message).toBe('must be 1 to 500');
    expect(limitParameter().safeParse('2.5').error?.issues[0]?.message).toBe('must be a whole number');
    expect(openApiSchemaOf(limitParameter())).toEqual({ type: 'integer', minimum: 1, maximum: 500, default: 100 });
    expect(openApiSchemaOf(ageInMinutes())).toEqual({ type: 'integer', minimum: 0, maximum: MAX_AGE_MINUTES });
  });
});
