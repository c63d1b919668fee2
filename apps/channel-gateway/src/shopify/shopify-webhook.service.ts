import { Inject, Injectable } from '@nestjs/common';
import { SpanKind, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import {
  AdapterRejectionCode,
  findMapping,
  rejectionHttpStatus,
  ShopifyHeaders,
  ShopifyWebhookAdapter,
  type AdapterRejection,
  type ShopifyWebhookDelivery,
} from '@crossdock/channel-adapters';
import { extractTraceContext, OBSERVABILITY_LOGGER, runWithCorrelation, withSpan } from '@crossdock/observability';
import { ChannelAccounts, SourceFormat } from '../config/channel-accounts';
import type { ChannelGatewayConfig } from '../config/channel-gateway-config.schema';
import { gatewayMetrics } from '../metrics/channel-gateway.metrics';
import { ChannelOrderPublisher } from '../publishing/channel-order.publisher';
import { withTimeout } from '../publishing/with-timeout';

export interface WebhookAnswer {
  readonly status: number;
  readonly body:
    | { readonly status: 'published'; readonly orderId: string; readonly eventId: string; readonly eventType: string }
    | { readonly status: 'rejected'; readonly code: string; readonly field: string | null; readonly message: string; readonly channelOrderId: string | null }
    | { readonly status: 'unavailable'; readonly code: 'PUBLISH_FAILED'; readonly message: string };
}

export interface IncomingWebhook extends ShopifyWebhookDelivery {
  /** From the URL (`/webhooks/shopify/:accountId`); null routes by X-Shopify-Shop-Domain. */
  readonly accountId: string | null;
}

/**
 * One Shopify webhook delivery: verify, map, publish, answer. 200 only after Kafka acknowledged the
 * order, so anything else makes Shopify retry; a retry publishes the same eventId again and
 * order-ingest suppresses it. Refusals answer with the adapter's reason code and field.
 */
@Injectable()
export class ShopifyWebhookService {
  private readonly adapter: ShopifyWebhookAdapter;

  constructor(
    private readonly accounts: ChannelAccounts,
    private readonly publisher: ChannelOrderPublisher,
    @Inject(APP_CONFIG) private readonly config: ChannelGatewayConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.adapter = new ShopifyWebhookAdapter({ secretFor: (id) => accounts.webhookSecret(id) });
  }

  async receive(delivery: IncomingWebhook): Promise<WebhookAnswer> {
    const started = process.hrtime.bigint();
    // The HTTP instrumentation already continues the caller's trace; without it, do so here.
    const parent = trace.getActiveSpan() ? undefined : extractTraceContext(delivery.headers);
    const answer = await withSpan(
      'shopify webhook receive',
      {
        kind: SpanKind.INTERNAL,
        ...(parent ? { parent } : {}),
        attributes: {
          'crossdock.channel': 'SHOPIFY',
          'crossdock.channel_account_id': delivery.accountId ?? '',
          'shopify.topic': headerOf(delivery, ShopifyHeaders.topic) ?? '',
          'shopify.webhook_id': headerOf(delivery, ShopifyHeaders.webhookId) ?? '',
        },
      },
      (span) =>
        this.handle(delivery).then((a) => {
          span.setAttribute('http.response.status_code', a.status);
          return a;
        }),
    );
    gatewayMetrics.webhookLatency.observe({ status: String(answer.status) }, Number(process.hrtime.bigint() - started) / 1e9);
    return answer;
  }

  private async handle(delivery: IncomingWebhook): Promise<WebhookAnswer> {
    const shop = headerOf(delivery, ShopifyHeaders.shopDomain);
    const mapping =
      delivery.accountId === null
        ? findMapping(this.accounts.withFormat(SourceFormat.shopify), 'SHOPIFY', shop)
        : (this.accounts.withFormat(SourceFormat.shopify).find((m) => m.channelAccountId === delivery.accountId) ?? null);
    if (!mapping) {
      // A URL naming an account the gateway does not have is a resource that does not exist (404);
      // a shop domain it does not know leaves no secret to verify the signature with (401).
      const byPath = delivery.accountId !== null;
      const field = byPath ? 'path:accountId' : 'header:X-Shopify-Shop-Domain';
      const who = delivery.accountId ?? shop ?? '';
      const rejection = {
        code: AdapterRejectionCode.AccountUnknown,
        field,
        message: `'${who}' is not a Shopify channel account of this gateway`,
        channelOrderId: null,
      };
      return this.refuse(delivery, rejection, undefined, byPath ? 404 : 401);
    }
    const [outcome] = this.adapter.adapt(delivery, { mapping, receivedAt: Date.now() }).outcomes;
    if (!outcome || outcome.kind === 'SKIPPED') throw new Error('the Shopify adapter returned no order and no rejection');
    if (outcome.kind === 'REJECTED') return this.refuse(delivery, outcome.rejection, mapping.channelAccountId);

    const { order } = outcome;
    try {
      await runWithCorrelation(
        { correlationId: order.orderId, orderId: order.orderId, ...(order.sourceDeliveryId ? { causationId: order.sourceDeliveryId } : {}) },
        () => withTimeout(this.publisher.publish([order]), this.config.WEBHOOK_PUBLISH_TIMEOUT_MS, 'Kafka acknowledgement'),
      );
    } catch (error) {
      gatewayMetrics.deliveries.inc({ channel: 'SHOPIFY', outcome: 'failed' });
      this.logger.error(
        { err: error, orderId: order.orderId, webhookId: order.sourceDeliveryId },
        'Shopify order not acknowledged by Kafka; answering 503 so Shopify retries',
      );
      return { status: 503, body: { status: 'unavailable', code: 'PUBLISH_FAILED', message: 'the order could not be stored; retry the delivery' } };
    }
    gatewayMetrics.deliveries.inc({ channel: 'SHOPIFY', outcome: 'published' });
    return { status: 200, body: { status: 'published', orderId: order.orderId, eventId: order.eventId, eventType: order.eventType } };
  }

  private refuse(
    delivery: IncomingWebhook,
    rejection: AdapterRejection,
    channelAccountId?: string,
    status: number = rejectionHttpStatus(rejection.code),
  ): WebhookAnswer {
    gatewayMetrics.deliveries.inc({ channel: 'SHOPIFY', outcome: 'rejected' });
    gatewayMetrics.rejections.inc({ channel: 'SHOPIFY', code: rejection.code });
    this.logger.warn(
      {
        channelAccountId: channelAccountId ?? delivery.accountId,
        code: rejection.code,
        field: rejection.field,
        channelOrderId: rejection.channelOrderId,
        webhookId: headerOf(delivery, ShopifyHeaders.webhookId),
      },
      `Shopify webhook refused: ${rejection.message}`,
    );
    const { code, field, message, channelOrderId } = rejection;
    return { status, body: { status: 'rejected', code, field, message, channelOrderId } };
  }
}

function headerOf(delivery: ShopifyWebhookDelivery, name: string): string | null {
  const value = delivery.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
}
