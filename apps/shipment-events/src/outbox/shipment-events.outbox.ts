import { Topics, type ChannelShipmentUpdate, type OrderFulfilment, type ShipmentMilestone, type WarehouseRelease } from '@crossdock/contracts';
import { outboxRow, type OutboxRow } from '@crossdock/outbox';

/** The topics shipment-events writes through its outbox, by catalog key: the relay's catalog. */
export const SHIPMENT_EVENT_TOPICS = {
  warehouseReleases: Topics.warehouseReleases,
  shipmentMilestones: Topics.shipmentMilestones,
  orderFulfilment: Topics.orderFulfilment,
  channelShipmentUpdates: Topics.channelShipmentUpdates,
} as const;

/** Outbox rows keyed by their contracts ('{orderId}' for all four), stamped with the current trace (the order's or the fact's). */
export const shipmentRows = {
  release: (event: WarehouseRelease): OutboxRow =>
    outboxRow(SHIPMENT_EVENT_TOPICS.warehouseReleases, event, { eventId: event.eventId, causationId: event.causationId }),
  milestone: (event: ShipmentMilestone): OutboxRow =>
    outboxRow(SHIPMENT_EVENT_TOPICS.shipmentMilestones, event, { eventId: event.eventId, causationId: event.causationId }),
  channelUpdate: (event: ChannelShipmentUpdate): OutboxRow =>
    outboxRow(SHIPMENT_EVENT_TOPICS.channelShipmentUpdates, event, { eventId: event.eventId, causationId: event.causationId }),
  // A table record has no eventId of its own: order and version identify it.
  fulfilment: (record: OrderFulfilment): OutboxRow =>
    outboxRow(SHIPMENT_EVENT_TOPICS.orderFulfilment, record, { eventId: `fulfilment:${record.orderId}:${record.version}` }),
};
