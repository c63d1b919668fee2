import { z } from 'zod';
import { SalesChannelSymbols } from '@crossdock/contracts';
import { ageInMinutes, limitParameter } from '@crossdock/service-kit';
import { REPLAY_OUTCOMES, SHIPMENT_EXCEPTION_REASONS } from '@crossdock/shipment-events/domain';

const channels = SalesChannelSymbols.filter((s) => s !== 'UNKNOWN') as [string, ...string[]];
/** Exception ids are positive decimal strings that fit PostgreSQL's bigint. */
export const EXCEPTION_ID_PATTERN = '^[1-9][0-9]{0,17}$';
const exceptionId = z.string().regex(new RegExp(EXCEPTION_ID_PATTERN), 'must be an exception id (a positive whole number)');

// The OpenAPI document is generated from these schemas (ApiQueryFrom/ApiBodyFrom), so every rule
// here is one JSON Schema can state: values are taken as sent, and a window whose minAgeMinutes
// exceeds maxAgeMinutes is simply empty.
const filterShape = (ages: 'query' | 'json') => ({
  reason: z.enum(SHIPMENT_EXCEPTION_REASONS, { message: `must be one of ${SHIPMENT_EXCEPTION_REASONS.join(', ')}` }).optional(),
  channel: z.enum(channels, { message: `must be one of ${channels.join(', ')}` }).optional(),
  channelAccountId: z.string().min(1).optional(),
  orderId: z.string().min(1).optional(),
  minAgeMinutes: ageInMinutes(ages).optional().describe('only exceptions raised at least this many minutes ago (the oldest problems first)'),
  maxAgeMinutes: ageInMinutes(ages).optional().describe('only exceptions raised at most this many minutes ago'),
});

/** GET /exceptions. */
export const exceptionQuerySchema = z
  .object({
    status: z
      .enum(['OPEN', 'RESOLVED'], { message: 'must be one of OPEN, RESOLVED' })
      .default('OPEN')
      .describe('OPEN (default): still to act on; RESOLVED: applied by a replay'),
    replayed: z
      .enum(['true', 'false'], { message: 'must be true or false' })
      .optional()
      .describe('true: only exceptions replayed at least once (open ones: tried, cause not fixed yet); false: never replayed'),
    ...filterShape('query'),
    limit: limitParameter(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('exceptions to skip (paging, oldest first)'),
  })
  .strict();

export type ExceptionQuery = z.infer<typeof exceptionQuerySchema>;

/** GET /exceptions/replay: the audit of replays across exceptions. */
export const replayAuditQuerySchema = z
  .object({
    requestedBy: z.string().min(1).max(200).optional().describe('only replays this operator asked for'),
    outcome: z.enum(REPLAY_OUTCOMES, { message: `must be one of ${REPLAY_OUTCOMES.join(', ')}` }).optional(),
    limit: limitParameter(),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('replays to skip (paging, newest first)'),
  })
  .strict();

export type ReplayAuditQuery = z.infer<typeof replayAuditQuerySchema>;

/** GET /exceptions/{id}. */
export const exceptionIdSchema = z.object({ id: exceptionId }).strict();

/** What a replay by filter selects: open exceptions of parked facts (the ones a replay can re-run). */
export const replayFilterSchema = z.object(filterShape('json')).strict();
export type ReplayFilter = z.infer<typeof replayFilterSchema>;

/** POST /exceptions/replay. */
export const replayRequestSchema = z
  .object({
    // Someone must be named, and a blank name names no one.
    requestedBy: z
      .string()
      .max(200)
      .regex(/[^ \t\r\n]/, 'must name the operator')
      .describe('Operator asking for the replay (audited)'),
    ids: z
      .array(exceptionId)
      .min(1, 'must list at least one exception')
      .max(500)
      .optional()
      .describe('Exceptions to replay, each reported (an id that does not exist, or that `filter` excludes, is NOT_FOUND)'),
    filter: replayFilterSchema
      .optional()
      .describe('Without `ids`: replay the open exceptions of parked facts matching it, oldest first, at most `limit`; with `ids`: narrows them'),
    limit: z.number().int().min(1).max(500).default(100).describe('At most this many exceptions selected by `filter`'),
    acceptTrackingReuse: z
      .boolean()
      .default(false)
      .describe('TRACKING_NUMBER_REUSED only: the operator confirmed the carrier re-issued the number to this order, so the earlier use no longer conflicts'),
  })
  .strict();

export type ReplayRequest = z.infer<typeof replayRequestSchema>;
