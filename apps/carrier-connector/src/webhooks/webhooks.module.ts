import { Module } from '@nestjs/common';
import { publishLagFollower } from '../publishing/publish-lag.follower';
import { RejectionsController } from '../rejections/rejections.controller';
import { WebhookRejectionRepository } from '../rejections/webhook-rejection.repository';
import { EasyPostWebhookController } from './easypost-webhook.controller';
import { EasyPostWebhookService } from './easypost-webhook.service';
import { TrackingReceiptRepository } from './tracking-receipt.repository';

@Module({
  controllers: [EasyPostWebhookController, RejectionsController],
  providers: [EasyPostWebhookService, TrackingReceiptRepository, WebhookRejectionRepository, publishLagFollower],
})
export class WebhooksModule {}
