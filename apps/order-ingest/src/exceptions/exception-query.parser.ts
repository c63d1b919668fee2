import { z } from 'zod';
import { OrderIssueCode, SalesChannelSymbols } from '@crossdock/contracts';
import { ageInMinutes, limitParameter } from '@crossdock/service-kit';

const reasonCodes = Object.values(OrderIssueCode) as [string, ...string[]];
const channels = SalesChannelSymbols.filter((s) => s !== 'UNKNOWN') as [string, ...string[]];

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
    minAgeMinutes: ageInMinutes().optional().describe('only orders in this state for at least this long (the oldest problems first)'),
    maxAgeMinutes: ageInMinutes().optional().describe('only orders in this state for at most this long'),
    limit: limitParameter(),
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
