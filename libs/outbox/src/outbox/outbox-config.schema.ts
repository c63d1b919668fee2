import { z } from 'zod';

/** The settings of a service's outbox relay; a service with an outbox extends its config schema with these. */
export const outboxConfigSchema = z.object({
  /** How often the relay looks when nothing woke it: events of another instance, or left by a crash. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(500),
});

export type OutboxConfig = z.infer<typeof outboxConfigSchema>;
