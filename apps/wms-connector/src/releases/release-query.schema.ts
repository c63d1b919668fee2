import { z } from 'zod';
import { ReleaseRecordStatuses } from '@crossdock/connectors/domain';
import { limitParameter } from '@crossdock/service-kit';

// The OpenAPI document is generated from this schema (ApiQueryFrom): what it says is what is enforced.
export const releaseQuerySchema = z
  .object({
    status: z
      .enum(ReleaseRecordStatuses, { message: `must be one of ${ReleaseRecordStatuses.join(', ')}` })
      .optional()
      .describe('QUEUED: waiting for its location; SENT: taken by the WMS or in the mailbox; then the warehouse answer'),
    locationId: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional().describe('Hub location id, e.g. DC-RENO'),
    limit: limitParameter(),
  })
  .strict();
