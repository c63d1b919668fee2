import type { INestApplication } from '@nestjs/common';
import { defineService } from '@crossdock/service-kit';
import { availabilityConfigSchema } from './config/availability-config.schema';
import { RESERVATION_EVENT_TOPICS } from './outbox/reservation-events.outbox';
import { FulfilmentModule } from './fulfilment/fulfilment.module';
import { PositionsModule } from './positions/positions.module';
import { PrismaService } from './prisma/prisma.service';
import { AvailabilityQueryService } from './query/availability-query.service';
import { availabilityReadPath } from './query/availability-read.path';
import { QueryModule } from './query/query.module';
import { ReservationsModule } from './reservations/reservations.module';
import { availabilityRetentionRules } from './retention/availability-retention.rules';

/** The availability service: sellable quantity per SKU and channel account, reservations, the query API. */
export const AvailabilityApp = defineService({
  name: 'availability',
  config: availabilityConfigSchema,
  database: PrismaService,
  consumes: true,
  // Reservation events and stock shortages, written in the transaction of the reservation change.
  outbox: RESERVATION_EVENT_TOPICS,
  // Published outbox events, deleted RETENTION_OUTBOX_DAYS after publication.
  retention: availabilityRetentionRules,
  imports: [PositionsModule, ReservationsModule, FulfilmentModule, QueryModule],
  apiDocs: {
    title: 'Crossdock availability',
    description: 'Sellable quantity per SKU and channel account, answered from the in-memory cache with the as-of time of its data.',
  },
  // The lean read path sits in front of the routes Nest installs at init.
  beforeListen: (app: INestApplication) => {
    app.use(availabilityReadPath(app.get(AvailabilityQueryService)));
  },
});
