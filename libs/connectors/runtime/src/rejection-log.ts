import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import { RejectionReason } from '@crossdock/connectors/domain';

export type RejectionStatus = 'open' | 'resolved' | 'all';

export interface RejectionFilter {
  readonly feed?: string | undefined;
  /** open (default): not yet followed by a published version of the same source record. */
  readonly status: RejectionStatus;
  readonly reason?: RejectionReason | undefined;
  readonly limit: number;
}

export interface RejectionView {
  readonly id: string;
  readonly feed: string;
  readonly sourceKey: string;
  readonly sourceSeq: number | null;
  readonly reason: string;
  readonly field: string;
  readonly message: string;
  /** The change as the source sent it. */
  readonly change: unknown;
  readonly rejectedAt: string;
  readonly resolvedAt: string | null;
}

/** Reading side of the rejections the app's FeedStateStore writes. */
export interface RejectionLog {
  list(filter: RejectionFilter): Promise<RejectionView[]>;
}

const reasons = Object.values(RejectionReason) as [RejectionReason, ...RejectionReason[]];

// The OpenAPI document is generated from these schemas (ApiQueryFrom): what they say is what is enforced.
export function rejectionQuerySchema(feeds: readonly string[]) {
  return z
    .object({
      feed: z.enum(feeds as [string, ...string[]], { message: `must be one of ${feeds.join(', ')}` }).optional(),
      status: z
        .enum(['open', 'resolved', 'all'], { message: 'must be open, resolved or all' })
        .default('open')
        .describe('open (default): not yet followed by a published version of the same source record'),
      reason: z.enum(reasons, { message: `must be one of ${reasons.join(', ')}` }).optional(),
      limit: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 500').max(500, 'must be 1 to 500').default(100),
    })
    .strict();
}

export function resyncQuerySchema(feeds: readonly string[]) {
  return z.object({ feed: z.enum(feeds as [string, ...string[]], { message: `must be one of ${feeds.join(', ')}` }).optional() }).strict();
}

/** A 400 whose `parameter` names the first bad one, so the caller can fix the request. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const parameter = issue?.path.length ? issue.path.join('.') : issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(request)';
  throw new BadRequestException({ statusCode: 400, code: 'INVALID_PARAMETER', parameter, message: `${parameter}: ${issue?.message ?? 'invalid'}` });
}
