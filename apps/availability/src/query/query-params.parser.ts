import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

// Ids are taken as sent (a padded id names no SKU, account or location): the OpenAPI document's
// minLength/maxLength are then exactly what is enforced.
export const ID_MAX_LENGTH = 200;
const id = z.string().min(1, 'must not be empty').max(ID_MAX_LENGTH, `is longer than ${ID_MAX_LENGTH} characters`);
export const BATCH_MAX_QUERIES = 1000;

export const availabilityQuerySchema = z.object({
  sku: id,
  channelAccountId: id,
  locationId: id.optional(),
});

export const batchRequestSchema = z.object({
  queries: z.array(availabilityQuerySchema).min(1, 'must hold at least one query').max(BATCH_MAX_QUERIES, `must hold at most ${BATCH_MAX_QUERIES} queries`),
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
