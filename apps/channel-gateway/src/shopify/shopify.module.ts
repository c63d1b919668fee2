import { Module } from '@nestjs/common';
import { ShopifyWebhookController } from './shopify-webhook.controller';
import { ShopifyWebhookService } from './shopify-webhook.service';

@Module({ controllers: [ShopifyWebhookController], providers: [ShopifyWebhookService] })
export class ShopifyModule {}
