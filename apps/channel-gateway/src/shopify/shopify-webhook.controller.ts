import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { RawBodyRequest } from '@crossdock/service-kit';
import { ShopifyWebhookDocs } from './shopify-webhook.docs';
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
  @ShopifyWebhookDocs('An order webhook for the shop its X-Shopify-Shop-Domain names', {
    status: 401,
    description: 'ACCOUNT_UNKNOWN: the shop domain is no account of this gateway, so there is no secret to verify with',
  })
  receiveByShopDomain(@Req() req: RawBodyRequest, @Res({ passthrough: true }) res: StatusResponse): Promise<WebhookAnswer['body']> {
    return this.receive(null, req, res);
  }

  @Post(':accountId')
  @HttpCode(200)
  @ShopifyWebhookDocs('An order webhook for the channel account the URL names', {
    status: 404,
    description: 'ACCOUNT_UNKNOWN: the URL names no Shopify account of this gateway',
  })
  @ApiParam({ name: 'accountId', example: 'acme-outdoor' })
  receiveForAccount(
    @Param('accountId') accountId: string,
    @Req() req: RawBodyRequest,
    @Res({ passthrough: true }) res: StatusResponse,
  ): Promise<WebhookAnswer['body']> {
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
