import { LocationTypeSymbols, SalesChannelSymbols } from '@crossdock/contracts';
import { z } from 'zod';

// Writers never produce UNKNOWN (schemas/README.md), so rules may not configure it either.
const locationTypes = LocationTypeSymbols.filter((symbol) => symbol !== 'UNKNOWN');
const salesChannels = SalesChannelSymbols.filter((symbol) => symbol !== 'UNKNOWN');

const identifier = z.string().trim().min(1).max(200);
const quantity = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const hours = z
  .number()
  .nonnegative()
  .max(24 * 366);
// Buffers of 100 % or more would silently delist a channel; a rule author meaning that should
// remove the channel's locations instead, which reads as intent.
const bufferPercent = z.number().min(0).lt(100);

const inboundRule = z.strictObject({
  horizonHours: hours,
  overdueGraceHours: hours.default(0),
});

const channelSettings = {
  bufferPercent: bufferPercent.optional(),
  maxExposure: quantity.nullable().optional(),
  inbound: inboundRule.nullable().optional(),
  reservationTtlHours: hours.positive().nullable().optional(),
  partialReservation: z.boolean().optional(),
};

export const channelRulesFileSchema = z.strictObject({
  version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  locations: z
    .array(
      z.strictObject({
        id: identifier,
        type: z.enum(locationTypes as [string, ...string[]]),
        name: z.string().nullable().optional(),
      }),
    )
    .min(1),
  defaults: z.strictObject(channelSettings).optional(),
  channels: z
    .array(
      z.strictObject({
        channelAccountId: identifier,
        channel: z.enum(salesChannels as [string, ...string[]]),
        locations: z.array(identifier).min(1),
        ...channelSettings,
      }),
    )
    .min(1),
  skuOverrides: z
    .array(
      z.strictObject({
        channelAccountId: identifier,
        sku: identifier,
        bufferPercent: bufferPercent.nullable().optional(),
        maxExposure: quantity.nullable().optional(),
      }),
    )
    .default([]),
  ringFences: z
    .array(
      z.strictObject({
        channelAccountId: identifier,
        sku: identifier,
        locationId: identifier,
        quantity: quantity.positive(),
      }),
    )
    .default([]),
});

export type ChannelRulesFile = z.infer<typeof channelRulesFileSchema>;
