import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { OrderIssueCode, SalesChannelSymbols } from '@crossdock/contracts';

const reasonCodes = Object.values(OrderIssueCode) as [string, ...string[]];
const channels = SalesChannelSymbols.filter((s) => s !== 'UNKNOWN') as [string, ...string[]];
/** Ten years, as old as any exception gets: an unbounded figure could leave JavaScript's date range and fail the query. */
const MAX_AGE_MINUTES = 10 * 366 * 24 * 60;
const minutes = z.coerce
  .number()
  .int('must be a whole number of minutes')
  .min(0, 'must be 0 or more')
  .max(MAX_AGE_MINUTES, `must be at most ${MAX_AGE_MINUTES} (ten years)`);

// The OpenAPI document is generated from these schemas (ApiQueryFrom/ApiBodyFrom), so every rule
// here is one JSON Schema can state: values are taken as sent (no trimming), and a window whose
// minAgeMinutes exceeds maxAgeMinutes is simply empty.
export const exceptionQuerySchema = z
  .object({
    status: z
      .enum(['HELD', 'REJECTED', 'WAITING_FOR_ERP'])
      .default('HELD')
      .describe('HELD (default): the exception queue; REJECTED: final; WAITING_FOR_ERP: accepted, queued for the ERP'),
    reason: z.enum(reasonCodes, { message: `must be one of ${reasonCodes.join(', ')}` }).optional(),
    channel: z.enum(channels, { message: `must be one of ${channels.join(', ')}` }).optional(),
    channelAccountId: z.string().min(1).optional(),
    minAgeMinutes: minutes.optional().describe('only orders in this state for at least this long (the oldest problems first)'),
    maxAgeMinutes: minutes.optional().describe('only orders in this state for at most this long'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export type ExceptionQuery = z.infer<typeof exceptionQuerySchema>;

// Someone must be named, and a blank name names no one.
const operator = z
  .string()
  .regex(/[^ \t\r\n]/, 'must name the operator')
  .describe('Operator asking for the replay (audited)');
const why = z.string().max(1_000).optional().describe('Why, e.g. the reference-data change that fixed the cause');

/** POST /exceptions/{orderId}/replay. */
export const replayOneSchema = z.object({ requestedBy: operator, reason: why }).strict();

/** POST /exceptions/replay. */
export const replayManySchema = z
  .object({
    requestedBy: operator,
    reason: why,
    orderIds: z.array(z.string().min(1)).min(1, 'must list at least one order').max(500).describe('Orders to replay'),
  })
  .strict();

/** Validates a request part; a 400 names the first bad parameter so the caller can fix it. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue?.path.length ? issue.path.join('.') : issue?.code === 'unrecognized_keys' ? (issue.keys?.join(', ') ?? '(request)') : '(request)';
  throw new BadRequestException({
    statusCode: 400,
    code: 'INVALID_PARAMETER',
    parameter,
    message: `${parameter}: ${issue?.message ?? 'invalid'}`,
    problems: result.error.issues.map((i) => ({ parameter: i.path.join('.') || '(request)', message: i.message })),
  });
}
