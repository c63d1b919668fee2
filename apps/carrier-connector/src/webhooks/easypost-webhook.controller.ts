import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { RawBodyRequest } from '@crossdock/service-kit';
import { EasyPostWebhookDocs } from './easypost-webhook.docs';
import { EasyPostWebhookService, type WebhookAnswerBody } from './easypost-webhook.service';

interface StatusResponse {
  status(code: number): unknown;
}

/** EasyPost's webhook URL. The body arrives as raw bytes (captureRawBody, installed on /webhooks before Nest's JSON parser). */
@Controller('webhooks/easypost')
export class EasyPostWebhookController {
  constructor(private readonly webhooks: EasyPostWebhookService) {}

  @Post()
  @HttpCode(200)
  @EasyPostWebhookDocs()
  async receive(@Req() req: RawBodyRequest, @Res({ passthrough: true }) res: StatusResponse): Promise<WebhookAnswerBody> {
    // Parsed JSON here would mean the raw-body capture is missing, and no signature could ever match.
    if (!Buffer.isBuffer(req.body)) throw new Error('webhook body was not captured raw; install captureRawBody before the JSON parser');
    const answer = await this.webhooks.receive(req.body, req.headers);
    res.status(answer.status);
    return answer.body;
  }
}
