import { z } from 'zod';
import { RejectionReason } from '@crossdock/connectors/domain';
import { limitParameter } from '@crossdock/service-kit';

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
      limit: limitParameter(),
    })
    .strict();
}

export function resyncQuerySchema(feeds: readonly string[]) {
  return z.object({ feed: z.enum(feeds as [string, ...string[]], { message: `must be one of ${feeds.join(', ')}` }).optional() }).strict();
}
