import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { OrderIssueCode, SalesChannelSymbols } from '@crossdock/contracts';

const reasonCodes = Object.values(OrderIssueCode) as [string, ...string[]];
const channels = SalesChannelSymbols.filter((s) => s !== 'UNKNOWN') as [string, ...string[]];
const minutes = z.coerce.number().int('must be a whole number of minutes').min(0, 'must be 0 or more');

export const exceptionQuerySchema = z
  .object({
    /** HELD (default): the exception queue; REJECTED: final; WAITING_FOR_ERP: accepted, queued for the ERP. */
    status: z.enum(['HELD', 'REJECTED', 'WAITING_FOR_ERP']).default('HELD'),
    reason: z.enum(reasonCodes, { message: `must be one of ${reasonCodes.join(', ')}` }).optional(),
    channel: z.enum(channels, { message: `must be one of ${channels.join(', ')}` }).optional(),
    channelAccountId: z.string().trim().min(1).optional(),
    /** Only orders in this state for at least this long (the oldest problems first). */
    minAgeMinutes: minutes.optional(),
    maxAgeMinutes: minutes.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => q.minAgeMinutes === undefined || q.maxAgeMinutes === undefined || q.minAgeMinutes <= q.maxAgeMinutes, {
    message: 'must not be smaller than minAgeMinutes',
    path: ['maxAgeMinutes'],
  });

export type ExceptionQuery = z.infer<typeof exceptionQuerySchema>;

export const replayRequestSchema = z
  .object({
    /** Who asks (operator id or e-mail); recorded in the audit. */
    requestedBy: z.string().trim().min(1, 'must name the operator'),
    /** Why, e.g. the reference-data change that fixed the cause. */
    reason: z.string().trim().max(1_000).optional(),
    orderIds: z.array(z.string().min(1)).min(1, 'must list at least one order').max(500).optional(),
  })
  .strict();

export type ReplayRequest = z.infer<typeof replayRequestSchema>;

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
