import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CarrierWebhookRejectionCode } from '@crossdock/connectors/domain';
import { ApiQueryFrom, limitParameter, parseOr400, QueryInvalidDto } from '@crossdock/service-kit';
import { WebhookRejectionListDto } from './rejections.dto';
import { WebhookRejectionRepository } from './webhook-rejection.repository';

const MAX_LIMIT = 500;
// Only content refusals are kept; a bad signature is never stored.
const STORED_CODES = [
  CarrierWebhookRejectionCode.PayloadMalformed,
  CarrierWebhookRejectionCode.FieldMissing,
  CarrierWebhookRejectionCode.FieldInvalid,
] as const;

// The OpenAPI document is generated from this schema (ApiQueryFrom): what it says is what is enforced.
export const webhookRejectionQuerySchema = z.object({
  code: z.enum(STORED_CODES).optional().describe('Only this reason; empty: every reason'),
  limit: limitParameter(MAX_LIMIT).describe(`most recently delivered first, at most ${MAX_LIMIT}`),
});

/** Signed carrier webhooks refused for their content (answered 400), with the bytes: what to fix at the source. */
@ApiTags('rejections')
@Controller('rejections')
export class RejectionsController {
  constructor(private readonly rejections: WebhookRejectionRepository) {}

  @Get()
  @ApiOperation({ summary: 'Carrier webhooks refused for their content, with the reason and the body as received' })
  @ApiQueryFrom(webhookRejectionQuerySchema)
  @ApiOkResponse({ type: WebhookRejectionListDto })
  @ApiBadRequestResponse({ type: QueryInvalidDto, description: 'A query parameter is invalid; `field` names it' })
  async list(@Query() query: Record<string, unknown>): Promise<WebhookRejectionListDto> {
    // QUERY_INVALID with `field`: the shape this API documents (README).
    const { code, limit } = parseOr400(webhookRejectionQuerySchema, query, 'QUERY_INVALID');
    return { rejections: await this.rejections.list({ ...(code ? { code } : {}), limit }) };
  }
}
