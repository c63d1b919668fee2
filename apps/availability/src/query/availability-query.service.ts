import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { reportedCap, type ChannelSellable, type LocationSellable } from '@crossdock/availability/domain';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { InventoryStateService } from '../inventory/inventory-state.service';
import type { ChannelAvailabilityDto, LocationAvailabilityDto, QueryErrorDto } from './availability.dto';
import type { AvailabilityQuery } from './query-params.parser';

export type QueryAnswer = { readonly status: 200; readonly availability: ChannelAvailabilityDto } | { readonly status: 404; readonly error: QueryErrorDto };

/**
 * Answers sellable-quantity questions from the cache, never from the database or Kafka. An unknown
 * SKU (no position anywhere) is a 404, not a zero: a channel reading 0 would delist the product.
 */
@Injectable()
export class AvailabilityQueryService {
  constructor(
    private readonly state: InventoryStateService,
    private readonly channelRules: ChannelRulesService,
  ) {}

  /**
   * A channel account, location or SKU the hub does not know is a 404 naming what is unknown (the
   * request is well formed; what it asks about does not exist here), in a batch per result.
   */
  answer(query: AvailabilityQuery, parameterPrefix = ''): QueryAnswer {
    // A half-rebuilt cache would answer "unknown" or too much for SKUs it has not read yet.
    if (!this.state.isRebuilt())
      throw new ServiceUnavailableException({ statusCode: 503, code: 'CACHE_REBUILDING', message: 'inventory cache is being rebuilt' });
    const rules = this.channelRules.rules();
    const channel = rules.channel(query.channelAccountId);
    if (!channel)
      return notFound('UNKNOWN_CHANNEL_ACCOUNT', `'${query.channelAccountId}' is not a configured channel account`, `${parameterPrefix}channelAccountId`);
    if (query.locationId !== undefined) {
      if (!rules.isKnownLocation(query.locationId))
        return notFound('UNKNOWN_LOCATION', `'${query.locationId}' is not a configured location`, `${parameterPrefix}locationId`);
      if (!rules.serves(query.channelAccountId, query.locationId)) {
        return notFound(
          'LOCATION_NOT_SERVING_CHANNEL',
          `'${query.locationId}' does not serve channel account '${query.channelAccountId}'`,
          `${parameterPrefix}locationId`,
        );
      }
    }
    const now = Date.now();
    const result = this.state.sellable(query.sku, query.channelAccountId, now);
    if (result.kind !== 'SELLABLE') return notFound('UNKNOWN_SKU', `no ERP or WMS position for SKU '${query.sku}'`);
    if (query.locationId === undefined) return { status: 200, availability: toDto(result, channel.channel, now) };
    const location = result.locations.find((l) => l.locationId === query.locationId);
    if (!location?.known) return notFound('UNKNOWN_SKU_LOCATION', `no ERP or WMS position for SKU '${query.sku}' at '${query.locationId}'`);
    return {
      status: 200,
      availability: {
        ...toDto(result, channel.channel, now),
        locationId: location.locationId,
        sellableQuantity: location.availableToChannel,
        asOf: iso(location.asOf ?? now),
        safetyStockApplied: 0,
        bufferApplied: 0,
        cap: null,
        locations: [locationDto(location)],
      },
    };
  }
}

function notFound(code: string, message: string, parameter?: string): QueryAnswer {
  return { status: 404, error: { statusCode: 404, code, message, ...(parameter === undefined ? {} : { parameter }) } };
}

function toDto(result: ChannelSellable, channel: string, now: number): ChannelAvailabilityDto {
  return {
    sku: result.sku,
    channelAccountId: result.channelAccountId,
    channel,
    locationId: null,
    sellableQuantity: result.sellableQuantity,
    asOf: iso(result.basedOnAsOf ?? now),
    computedAt: iso(now),
    safetyStockApplied: result.safetyStockApplied,
    bufferApplied: result.bufferApplied,
    cap: reportedCap(result),
    ruleSetVersion: result.ruleSetVersion,
    locations: result.locations.map(locationDto),
  };
}

function locationDto(location: LocationSellable): LocationAvailabilityDto {
  return {
    locationId: location.locationId,
    locationType: location.locationType,
    known: location.known,
    onHand: location.onHand,
    allocated: location.allocated,
    qualityHold: location.qualityHold,
    reserved: location.reserved,
    inboundCounted: location.inboundCounted,
    sellableQuantity: location.sellableQuantity,
    availableToChannel: location.availableToChannel,
    asOf: location.asOf === null ? null : iso(location.asOf),
  };
}

function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
