import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiBadRequestOrUnreadable } from '@crossdock/service-kit';
import { WebhookPublishedDto, WebhookRejectedDto, WebhookUnavailableDto } from './shopify-webhook.dto';

/**
 * The OpenAPI description both webhook routes share: Shopify's headers, the order JSON, and every
 * answer. Checks run in this order: the account (URL or shop domain), the signature over the raw
 * body, the shop domain, the topic, the JSON, the order's fields.
 */
export function ShopifyWebhookDocs(summary: string, unknownAccount: { status: 401 | 404; description: string }): MethodDecorator {
  return applyDecorators(
    ApiTags('shopify'),
    ApiOperation({ summary }),
    ApiHeader({ name: 'X-Shopify-Hmac-Sha256', required: true, description: "Base64 HMAC-SHA256 of the raw body with the shop's webhook secret" }),
    ApiHeader({ name: 'X-Shopify-Shop-Domain', required: true, example: 'acme-outdoor.myshopify.com' }),
    ApiHeader({ name: 'X-Shopify-Topic', required: true, schema: { type: 'string', enum: ['orders/create', 'orders/cancelled'] } }),
    ApiHeader({ name: 'X-Shopify-Webhook-Id', required: false, description: "Becomes the order event's sourceDeliveryId" }),
    ApiConsumes('application/json'),
    ApiBody({ description: "Shopify's order JSON, verified byte for byte against the signature", schema: { type: 'object', additionalProperties: true } }),
    ApiOkResponse({ type: WebhookPublishedDto, description: 'Published: Kafka acknowledged the order' }),
    ApiBadRequestOrUnreadable(
      WebhookRejectedDto,
      'Not an order webhook this gateway takes: PAYLOAD_MALFORMED, DOCUMENT_UNSUPPORTED (topic), ACCOUNT_UNKNOWN (shop domain of another account)',
    ),
    ApiResponse({
      status: 401,
      type: WebhookRejectedDto,
      description: 'SIGNATURE_MISSING or SIGNATURE_INVALID' + (unknownAccount.status === 401 ? `; ${unknownAccount.description}` : ''),
    }),
    ...(unknownAccount.status === 404 ? [ApiResponse({ status: 404, type: WebhookRejectedDto, description: unknownAccount.description })] : []),
    ApiResponse({ status: 413, type: WebhookRejectedDto, description: 'PAYLOAD_TOO_LARGE: the body exceeds WEBHOOK_MAX_BODY_BYTES' }),
    ApiResponse({ status: 422, type: WebhookRejectedDto, description: 'The order cannot be used: a field is missing or invalid (`field` names it)' }),
    ApiResponse({ status: 503, type: WebhookUnavailableDto, description: 'PUBLISH_FAILED: Kafka did not acknowledge in time; Shopify retries' }),
  );
}
