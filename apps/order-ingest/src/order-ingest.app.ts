import { defineService } from '@crossdock/service-kit';
import { orderIngestConfigSchema } from './config/order-ingest-config.schema';
import { ErpModule } from './erp/erp.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { FulfilmentProgressModule } from './fulfilment/fulfilment-progress.module';
import { OrdersModule } from './orders/orders.module';
import { OUTCOME_TOPICS } from './outbox/outcome-events';
import { PrismaService } from './prisma/prisma.service';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { orderIngestRetentionRules } from './retention/order-ingest-retention.rules';
import { TablesModule } from './tables/tables.module';

/** order-ingest: every channel order validated, enriched and booked in the ERP exactly once. */
export const OrderIngestApp = defineService({
  name: 'order-ingest',
  config: orderIngestConfigSchema,
  database: PrismaService,
  consumes: true,
  // OrderAccepted / OrderRejected / OrderCancelled, written in the transaction that decided them.
  outbox: OUTCOME_TOPICS,
  // Published outbox events and finished ERP calls, deleted after their keep periods (RETENTION_*).
  retention: orderIngestRetentionRules,
  // Partitions in parallel: their batch transactions overlap their database round trips.
  partitionsConsumedConcurrently: 3,
  imports: [ReferenceDataModule, TablesModule, ErpModule, OrdersModule, FulfilmentProgressModule, ExceptionsModule],
  apiDocs: {
    title: 'Crossdock order-ingest',
    description: 'Exception queue of held and failed orders (list, replay with audit), ERP queue status and reference-data reload.',
  },
});
