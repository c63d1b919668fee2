import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/**
 * The `code` of a 400 for a bad request parameter, and with it the body's shape:
 * - `INVALID_PARAMETER` (the platform's): `{statusCode, code, parameter, message, problems}` (InvalidParameterDto),
 *   for query strings, JSON bodies and path parameters alike;
 * - `QUERY_INVALID`: `{statusCode, code, field, message}` (QueryInvalidDto), the query-only answer that
 *   carrier-connector's and channel-gateway's rejection lists document.
 */
export type InvalidParameterCode = 'INVALID_PARAMETER' | 'QUERY_INVALID';

/** One thing wrong with a request: the parameter (a body field path such as `ids.0`) and why. */
export interface ParameterProblem {
  readonly parameter: string;
  readonly message: string;
}

/** Said of the request as a whole: a body that is not an object, say. */
export const WHOLE_REQUEST = '(request)';

/**
 * A request part (the query, a JSON body, path parameters) parsed by the zod schema the OpenAPI
 * document is generated from (ApiQueryFrom/ApiBodyFrom), or a 400 naming the first bad parameter so
 * the caller can fix the request without reading our code. An unknown parameter (a `.strict()`
 * schema) is named by its name: a typo must not silently widen a list. A missing body counts as `{}`.
 */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, code: InvalidParameterCode = 'INVALID_PARAMETER'): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new BadRequestException(invalidParameterBody(parameterProblems(parsed.error, input), code));
}

/** Every issue of a failed parse, each naming its parameter. */
export function parameterProblems(error: z.ZodError, input: unknown): ParameterProblem[] {
  return error.issues.map((issue) => ({
    parameter: issue.path.length > 0 ? issue.path.map(String).join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : WHOLE_REQUEST,
    // zod reports a missing value as the wrong type; a repeated query parameter (an array) is the wrong type indeed.
    message: issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined ? 'is required' : issue.message,
  }));
}

/** The 400 body of `code` for these problems (the first is the one named). */
export function invalidParameterBody(problems: readonly ParameterProblem[], code: InvalidParameterCode = 'INVALID_PARAMETER'): Record<string, unknown> {
  const first = problems[0] ?? { parameter: WHOLE_REQUEST, message: 'is invalid' };
  const message = `${first.parameter}: ${first.message}`;
  if (code === 'QUERY_INVALID') return { statusCode: 400, code, field: first.parameter, message };
  return { statusCode: 400, code, parameter: first.parameter, message, problems };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
