import type { INestApplication } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { publishedOutboxEventsRule } from '@crossdock/outbox';
import { captureRawBody, defineService } from '@crossdock/service-kit';
import { carrierConnectorConfigSchema, type CarrierConnectorConfig } from './config/carrier-connector-config.schema';
import { PrismaService } from './prisma/prisma.service';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * carrier-connector: carriers are the system of record for a package's status. It takes signed
 * tracker webhooks (EasyPost's Event shape), keeps a receipt per provider event and publishes each
 * tracking update once, through its outbox, to the carrier-tracking topic (its only writer).
 */
export const CarrierConnectorApp = defineService({
  name: 'carrier-connector',
  config: carrierConnectorConfigSchema,
  database: PrismaService,
  consumes: false,
  outbox: { carrierTracking: Topics.carrierTracking },
  // Published tracking updates, deleted RETENTION_OUTBOX_DAYS after publication; receipts and rejections stay.
  retention: (config) => [publishedOutboxEventsRule('published tracking updates', config.RETENTION_OUTBOX_DAYS)],
  imports: [WebhooksModule],
  apiDocs: {
    title: 'Crossdock carrier-connector',
    description:
      'Carrier tracking webhooks in (EasyPost Events, HMAC-verified), published once each as TrackingUpdates; the webhooks refused for their content.',
  },
  // Before Nest installs its JSON parser: webhook signatures need the raw bytes.
  beforeListen: (app: INestApplication) => {
    app.use('/webhooks', captureRawBody(app.get<CarrierConnectorConfig>(APP_CONFIG).WEBHOOK_MAX_BODY_BYTES));
  },
});
