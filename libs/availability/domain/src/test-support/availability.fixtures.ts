import type { InboundSupply, InventoryPosition } from '@crossdock/contracts';
import type { ChannelRuleSet } from '../channel-rules/channel-rule-set.model';
import { loadChannelRules } from '../channel-rules/channel-rules.parser';
import type { LocationStock, OpenReservationsView, OpenReservationTotals } from '../sellable/stock.types';

export const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);
export const HOUR = 3_600_000;

/** Small rules for unit tests: numbers chosen so each rule's effect is visible on its own. */
export const TEST_RULES_YAML = `
version: 7
locations:
  - { id: DC-RENO, type: WAREHOUSE }
  - { id: DC-ATLANTA, type: WAREHOUSE }
  - { id: 3PL-DALLAS, type: THIRD_PARTY_LOGISTICS }
channels:
  - channelAccountId: shop
    channel: SHOPIFY
    locations: [DC-RENO, DC-ATLANTA, 3PL-DALLAS]
    inbound: { horizonHours: 72, overdueGraceHours: 24 }
  - channelAccountId: amazon
    channel: AMAZON
    locations: [DC-RENO, DC-ATLANTA]
    reservationTtlHours: 48
  - channelAccountId: edi
    channel: EDI
    locations: [DC-ATLANTA]
    partialReservation: true
`;

export function testRules(extraYaml = ''): ChannelRuleSet {
  return loadChannelRules(TEST_RULES_YAML + extraYaml);
}

export function position(overrides: Partial<InventoryPosition> = {}): InventoryPosition {
  return {
    sku: 'SKU-1',
    locationId: 'DC-RENO',
    locationType: 'WAREHOUSE',
    unitOfMeasure: 'EA',
    onHand: 10,
    allocated: 0,
    qualityHold: 0,
    inbound: [],
    sourceSystem: 'netsuite-prod',
    asOf: NOW - HOUR,
    version: 1,
    ...overrides,
  };
}

export function stock(overrides: Partial<LocationStock> = {}): LocationStock {
  return {
    sku: 'SKU-1',
    locationId: 'DC-RENO',
    onHand: 10,
    allocated: 0,
    qualityHold: 0,
    inbound: [],
    asOf: NOW - HOUR,
    sources: ['ERP', 'WMS'],
    ...overrides,
  };
}

export function supply(quantity: number, expectedAt: number | null, overrides: Partial<InboundSupply> = {}): InboundSupply {
  return {
    quantity,
    expectedAt,
    sourceType: 'PURCHASE_ORDER',
    reference: 'PO-1',
    ...overrides,
  };
}

/** Open reservations by `sku@location` → channel account → quantity. */
export function reservationsView(open: Record<string, Record<string, number>> = {}): OpenReservationsView {
  return {
    openAt(sku: string, locationId: string): OpenReservationTotals {
      const byChannel = new Map(Object.entries(open[`${sku}@${locationId}`] ?? {}));
      let total = 0;
      for (const quantity of byChannel.values()) total += quantity;
      return { total, byChannel };
    },
  };
}
