import { defineService } from '@crossdock/service-kit';
import { shipmentEventsConfigSchema } from './config/shipment-events-config.schema';
import { ErpConfirmationModule } from './erp-confirmation/erp-confirmation.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { FactsModule } from './facts/facts.module';
import { SHIPMENT_EVENT_TOPICS } from './outbox/shipment-events.outbox';
import { PrismaService } from './prisma/prisma.service';
import { shipmentEventsRetentionRules } from './retention/shipment-events-retention.rules';
import { ShipmentsModule } from './shipments/shipments.module';

/** shipment-events: accepted orders released to their warehouses, and every warehouse and carrier fact back to one shipment truth. */
export const ShipmentEventsApp = defineService({
  name: 'shipment-events',
  config: shipmentEventsConfigSchema,
  database: PrismaService,
  consumes: true,
  // Releases, milestones, fulfilment records and channel updates, written in the transaction of the change.
  outbox: SHIPMENT_EVENT_TOPICS,
  // Published outbox events, deleted RETENTION_OUTBOX_DAYS after publication.
  retention: shipmentEventsRetentionRules,
  // Partitions in parallel; one order's changes are serialised by its lock whichever topic they come from.
  partitionsConsumedConcurrently: 3,
  imports: [ShipmentsModule, FactsModule, ExceptionsModule, ErpConfirmationModule],
  apiDocs: {
    title: 'Crossdock shipment-events',
    description: 'One shipment truth per accepted order: releases, package milestones, fulfilment, channel updates; the exception queue with replay.',
  },
});
