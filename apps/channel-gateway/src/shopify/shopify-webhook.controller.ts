import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from './raw-body.middleware';
import { ShopifyWebhookService, type WebhookAnswer } from './shopify-webhook.service';

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Shopify `orders/create` and `orders/cancelled` webhooks. Either one URL per shop
 * (`/webhooks/shopify/acme-outdoor`) or one URL for all shops, routed by X-Shopify-Shop-Domain.
 * The body arrives as raw bytes (see captureRawBody, installed by the service runner).
 */
@Controller('webhooks/shopify')
export class ShopifyWebhookController {
  constructor(private readonly webhooks: ShopifyWebhookService) {}

  @Post()
  @HttpCode(200)
  receiveByShopDomain(@Req() req: RawBodyRequest, @Res({ passthrough: true }) res: StatusResponse): Promise<WebhookAnswer['body']> {
    return this.receive(null, req, res);
  }

  @Post(':accountId')
  @HttpCode(200)
  receiveForAccount(@Param('accountId') accountId: string, @Req() req: RawBodyRequest, @Res({ passthrough: true }) res: StatusResponse): Promise<WebhookAnswer['body']> {
    return this.receive(accountId, req, res);
  }

  private async receive(accountId: string | null, req: RawBodyRequest, res: StatusResponse): Promise<WebhookAnswer['body']> {
    // Parsed JSON here would mean the raw-body capture is missing, and no signature could ever match.
    if (!Buffer.isBuffer(req.body)) throw new Error('webhook body was not captured raw; install captureRawBody before the JSON parser');
    const answer = await this.webhooks.receive({ accountId, rawBody: req.body, headers: req.headers });
    res.status(answer.status);
    return answer.body;
  }
}
