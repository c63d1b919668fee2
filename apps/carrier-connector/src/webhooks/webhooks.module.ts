import { Module } from '@nestjs/common';
import { PublishLagSampler } from '../publishing/publish-lag.sampler';
import { RejectionsController } from '../rejections/rejections.controller';
import { WebhookRejectionRepository } from '../rejections/webhook-rejection.repository';
import { EasyPostWebhookController } from './easypost-webhook.controller';
import { EasyPostWebhookService } from './easypost-webhook.service';
import { TrackingReceiptRepository } from './tracking-receipt.repository';

@Module({
  controllers: [EasyPostWebhookController, RejectionsController],
  providers: [EasyPostWebhookService, TrackingReceiptRepository, WebhookRejectionRepository, PublishLagSampler],
})
export class WebhooksModule {}
