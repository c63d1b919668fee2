import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { z } from 'zod';
import { ApiBodyFrom } from '@crossdock/service-kit';
import { WebhookAcceptedDto, WebhookIgnoredDto, WebhookRejectedDto, WebhookUnavailableDto } from './easypost-webhook.dto';

const isoDateTime = z.string().describe('ISO 8601; without a zone it is UTC');
const trackingDetail = z.object({
  object: z.literal('TrackingDetail').optional(),
  datetime: isoDateTime,
  status: z.string(),
  status_detail: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  tracking_location: z
    .object({
      city: z.string().nullable().optional(),
      state: z.string().nullable().optional(),
      country: z.string().nullable().optional(),
      zip: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

/**
 * The part of EasyPost's Event the connector reads (everything else is allowed and passed over).
 * Documentation only: the body is checked by readEasyPostEvent over the raw bytes, which names the
 * field at fault; `result` is read only for tracker.created and tracker.updated.
 */
export const easyPostEventDocSchema = z
  .looseObject({
    id: z.string().min(1).describe("EasyPost's event id (evt_...); a redelivery carries the same one"),
    object: z.literal('Event'),
    description: z.string().min(1).describe('tracker.created and tracker.updated are tracking events; any other is acknowledged and ignored'),
    mode: z.enum(['test', 'production']).optional(),
    result: z
      .looseObject({
        id: z.string().min(1).describe('Tracker id (trk_...)'),
        object: z.literal('Tracker'),
        tracking_code: z.string().min(1),
        carrier: z.string().min(1),
        status: z
          .string()
          .min(1)
          .describe(
            'pre_transit, in_transit, out_for_delivery, delivered, available_for_pickup, return_to_sender, failure, cancelled, error, unknown; a word added later is published as UNKNOWN with the word kept',
          ),
        status_detail: z.string().nullable().optional(),
        est_delivery_date: isoDateTime.nullable().optional(),
        updated_at: isoDateTime.optional().describe('Required when tracking_details is empty'),
        tracking_details: z.array(trackingDetail).optional(),
      })
      .optional(),
  })
  .describe('An EasyPost webhook Event');

/** POST /webhooks/easypost: headers, body and every answer. Checks run in this order: size, signature, JSON, fields. */
export function EasyPostWebhookDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('webhooks'),
    ApiOperation({
      summary: 'An EasyPost webhook Event (tracker.created / tracker.updated become TrackingUpdates)',
      description:
        'Answered 200 once the receipt and its outbox row are committed; the update reaches the carrier-tracking topic through the outbox relay. A redelivered event id answers 200 `duplicate` and has no second effect.',
    }),
    ApiHeader({
      name: 'X-Hmac-Signature',
      required: true,
      description: "`hmac-sha256-hex=<hex>`: HMAC-SHA256 of the raw body keyed with the webhook's secret (NFKD-normalised, UTF-8)",
    }),
    ApiConsumes('application/json'),
    ApiBodyFrom(easyPostEventDocSchema, { description: 'The Event as EasyPost sends it, verified byte for byte against the signature' }),
    ApiExtraModels(WebhookAcceptedDto, WebhookIgnoredDto),
    ApiOkResponse({
      description: 'Accepted (or a duplicate of an accepted event), or an Event that is not about a tracker, ignored',
      schema: { anyOf: [{ $ref: getSchemaPath(WebhookAcceptedDto) }, { $ref: getSchemaPath(WebhookIgnoredDto) }] },
    }),
    ApiBadRequestResponse({
      type: WebhookRejectedDto,
      description: 'PAYLOAD_MALFORMED (not UTF-8 JSON, not an object), FIELD_MISSING or FIELD_INVALID (`field` names it); kept at GET /rejections',
    }),
    ApiResponse({ status: 401, type: WebhookRejectedDto, description: 'SIGNATURE_MISSING or SIGNATURE_INVALID: nothing is stored or published' }),
    ApiResponse({ status: 413, type: WebhookRejectedDto, description: 'PAYLOAD_TOO_LARGE: the body exceeds WEBHOOK_MAX_BODY_BYTES' }),
    ApiResponse({ status: 503, type: WebhookUnavailableDto, description: 'STORE_FAILED: the database did not take the receipt; EasyPost delivers again' }),
  );
}
