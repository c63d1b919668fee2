import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

const id = z.string().trim().min(1, 'must not be empty').max(200, 'is longer than 200 characters');

export const availabilityQuerySchema = z.object({
  sku: id,
  channelAccountId: id,
  locationId: id.optional(),
});

export const batchRequestSchema = z.object({
  queries: z.array(availabilityQuerySchema).min(1, 'must hold at least one query').max(1000, 'must hold at most 1000 queries'),
});

export type AvailabilityQuery = z.infer<typeof availabilityQuerySchema>;

/** A 400 that names the parameter, so a caller fixes the request without reading our code. */
export function badParameter(parameter: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, code: 'INVALID_PARAMETER', parameter, message: `${parameter} ${message}` });
}

/** Parses request input; the first problem becomes a 400 naming its parameter (`queries.3.sku`). */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  // zod does not report the input by default: look it up, so a repeated parameter is not called missing.
  const message = issue?.code === 'invalid_type' && valueAt(input, issue.path) === undefined ? 'is required' : (issue?.message ?? 'is invalid');
  throw badParameter(parameter, message);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}
