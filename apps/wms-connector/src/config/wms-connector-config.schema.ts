import { z } from 'zod';
import { databaseConfigSchema, platformConfigSchema } from '@crossdock/config';
import { connectorPollSettingsSchema, locationMapSchema } from '@crossdock/connectors/runtime';
import { outboxConfigSchema } from '@crossdock/outbox';

const positiveInt = z.coerce.number().int().positive();
const interchangeId = z
  .string()
  .regex(/^([A-Z0-9]{2}:)?[A-Za-z0-9 ]{1,15}$/, "must be an ISA id, 'qualifier:id' (e.g. 'ZZ:CROSSDOCKDIST'), at most 15 characters");

/** One 3PL's EDI mailbox: where its 940s go, where its 997s and 945s arrive, and who is who in the envelopes. */
export const thirdPartyMailboxSchema = z
  .object({
    /** Hub location id of the 3PL (WarehouseRelease.locationId). */
    locationId: z.string().min(1),
    /** WarehouseShipment.sourceSystem of its 945s, e.g. '3pl-dallas'. */
    sourceSystem: z.string().min(1),
    /** The folder the 3PL collects from: 940 Warehouse Shipping Orders and our 997s are dropped here. */
    outboundDir: z.string().min(1),
    /** The folder the 3PL delivers to: its 997s and 945s, read from here (processed/ and rejected/ below it). */
    inboundDir: z.string().min(1),
    /** Our ISA05:ISA06 (the 940's sender). */
    ourInterchangeId: interchangeId,
    /** The 3PL's ISA id: the 940's receiver, the sender of its 997s and 945s. */
    partnerInterchangeId: interchangeId,
    /** GS02 on what we send; the id part of ourInterchangeId when omitted. */
    ourApplicationId: z.string().min(1).max(15).optional(),
    /** GS03 on what we send; the id part of partnerInterchangeId when omitted. */
    partnerApplicationId: z.string().min(1).max(15).optional(),
    /** ISA15: T while testing with the 3PL, P in production. */
    usageIndicator: z.enum(['P', 'T']).default('P'),
    /** The 3PL warehouse's name (940 N1*SF); the location id when omitted. */
    warehouseName: z.string().min(1).optional(),
    /** How the 3PL stocks our SKUs (W01 qualifier): VN (default) or SK. */
    itemQualifier: z.enum(['VN', 'SK']).optional(),
  })
  .strict();

export type ThirdPartyMailbox = z.infer<typeof thirdPartyMailboxSchema>;

/** `THIRD_PARTY_MAILBOXES`: a JSON list of mailboxes, one per 3PL location; adding a 3PL is a list entry. */
const thirdPartyMailboxesSchema = z
  .string()
  .default('[]')
  .transform((text, ctx): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON list of mailboxes' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(thirdPartyMailboxSchema)
      .refine((boxes) => new Set(boxes.map((b) => b.locationId)).size === boxes.length, { message: 'a location has two mailboxes' }),
  );

/** Everything wms-connector reads from its environment, validated once at start-up. */
export const wmsConnectorConfigSchema = platformConfigSchema.extend({
  ...databaseConfigSchema.shape,
  ...connectorPollSettingsSchema.shape,
  ...outboxConfigSchema.shape,
  /** The WMS's API root; feeds at /api/inventory and /api/shipment-events, releases to /api/fulfillment-requests. */
  WMS_BASE_URL: z.url({ message: 'must be an absolute URL' }),
  WMS_API_KEY: z.string().min(1).optional(),
  /** InventoryPosition.sourceSystem, e.g. 'manhattan-dc1' or '3pl-shipbob'. */
  WMS_SOURCE_SYSTEM: z.string().min(1).default('wms'),
  /** WMS facility id -> hub location: `RNO1=DC-RENO:WAREHOUSE,DAL3=3PL-DALLAS:THIRD_PARTY_LOGISTICS`. */
  WMS_FACILITY_MAP: locationMapSchema,
  THIRD_PARTY_MAILBOXES: thirdPartyMailboxesSchema,
  /** How often the release dispatcher and the mailbox reader look when nothing woke them. */
  RELEASE_POLL_MS: positiveInt.default(1_000),
  /** After a location's system did not answer: first wait, doubling up to the maximum (per location). */
  RELEASE_BACKOFF_INITIAL_MS: positiveInt.default(1_000),
  RELEASE_BACKOFF_MAX_MS: positiveInt.default(60_000),
});

export type WmsConnectorConfig = z.infer<typeof wmsConnectorConfigSchema>;
