import { z } from 'zod';
import { parseLocationMap, type LocationMap } from '@crossdock/connectors/domain';

const positiveInt = z.coerce.number().int().positive();

/** Poll-loop settings every connector shares; each app adds its source's URL and location map. */
export const connectorPollSettingsSchema = z.object({
  /** Wait between polls once a feed is drained. */
  POLL_INTERVAL_MS: positiveInt.default(5_000),
  /** Changes per page; one page = one Kafka send and one cursor save. */
  POLL_PAGE_SIZE: z.coerce.number().int().min(1).max(1_000).default(200),
  /** After a failed poll: first wait, doubling up to the maximum. */
  POLL_BACKOFF_INITIAL_MS: positiveInt.default(1_000),
  POLL_BACKOFF_MAX_MS: positiveInt.default(60_000),
  /** A poll with no page committed for this long is reported DEGRADED (Kafka or the database not answering). */
  POLL_STALL_AFTER_MS: positiveInt.default(120_000),
  /** One request to the source system; longer counts as an outage. */
  SOURCE_TIMEOUT_MS: positiveInt.default(10_000),
  /** Republish every feed's snapshot at start-up (also: POST /resync at any time). */
  RESYNC_ON_START: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type ConnectorPollSettings = z.infer<typeof connectorPollSettingsSchema>;

/** `<sourceCode>=<hubLocationId>:<LocationType>,...`, validated once at start-up. */
export const locationMapSchema = z.string().transform((spec, ctx): LocationMap => {
  const { map, problems } = parseLocationMap(spec);
  for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem });
  return map;
});
