import { Module } from '@nestjs/common';
import { ConfigModule, platformConfigSchema } from '@crossdock/config';
import { DeadLetterTopics, Topics } from '@crossdock/contracts';
import { MessagingModule } from '@crossdock/messaging';
import { ObservabilityModule } from '@crossdock/observability';
import { SmokeOrderController } from './smoke-order.controller';

@Module({
  imports: [
    ConfigModule.forRoot(platformConfigSchema),
    ObservabilityModule.forRoot({ serviceName: 'backbone-smoke', level: 'warn' }),
    MessagingModule.forRoot({ contracts: Topics, deadLetterTopic: DeadLetterTopics['order-ingest'] }),
  ],
  controllers: [SmokeOrderController],
})
export class SmokeModule {}
