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
