import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import {
  checkEasyPostSignature,
  EASYPOST,
  EASYPOST_SIGNATURE_HEADER,
  readEasyPostEvent,
  type CarrierWebhookRejection,
  type EasyPostEventOutcome,
} from '@crossdock/connectors/domain';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { OutboxRelay } from '@crossdock/outbox';
import { easyPostWebhookSecrets, type CarrierConnectorConfig } from '../config/carrier-connector-config.schema';
import { carrierMetrics, type WebhookOutcome } from '../metrics/carrier-connector.metrics';
import { WebhookRejectionRepository } from '../rejections/webhook-rejection.repository';
import { TrackingReceiptRepository, type ReceiptResult } from './tracking-receipt.repository';

export type WebhookAnswerBody =
  | {
      readonly status: 'accepted' | 'duplicate';
      readonly sourceEventId: string;
      readonly eventId: string;
      readonly trackingCode: string;
      readonly carrier: string;
    }
  | { readonly status: 'ignored'; readonly sourceEventId: string; readonly description: string; readonly duplicate: boolean }
  | { readonly status: 'rejected'; readonly code: string; readonly field: string; readonly message: string }
  | { readonly status: 'unavailable'; readonly code: 'STORE_FAILED'; readonly message: string };

export interface WebhookAnswer {
  readonly status: number;
  readonly body: WebhookAnswerBody;
}

/**
 * One EasyPost webhook delivery: signature over the raw bytes, then the adapter, then the receipt.
 * 200 only once the receipt (and, for a tracker event, its outbox row) is committed, so anything
 * else makes EasyPost deliver again; a redelivery answers 200 with `duplicate` and changes nothing.
 * A body nobody signed is answered 401 and never stored; a signed body the adapter refuses is
 * answered 400 naming the field and kept at GET /rejections.
 */
@Injectable()
export class EasyPostWebhookService {
  private readonly secrets: readonly string[];

  constructor(
    private readonly receipts: TrackingReceiptRepository,
    private readonly rejections: WebhookRejectionRepository,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) config: CarrierConnectorConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.secrets = easyPostWebhookSecrets(config);
  }

  async receive(rawBody: Buffer, headers: IncomingHttpHeaders): Promise<WebhookAnswer> {
    const started = process.hrtime.bigint();
    const answer = await withSpan('easypost webhook receive', { attributes: { 'crossdock.carrier_provider': EASYPOST } }, async (span) => {
      const { outcome, answer } = await this.handle(rawBody, headers);
      span.setAttribute('http.response.status_code', answer.status);
      if ('sourceEventId' in answer.body) span.setAttribute('easypost.event_id', answer.body.sourceEventId);
      if ('trackingCode' in answer.body) span.setAttribute('crossdock.tracking_code', answer.body.trackingCode);
      carrierMetrics.webhooks.inc({ provider: EASYPOST, outcome });
      return answer;
    });
    carrierMetrics.webhookLatency.observe({ provider: EASYPOST, status: String(answer.status) }, Number(process.hrtime.bigint() - started) / 1e9);
    return answer;
  }

  private async handle(rawBody: Buffer, headers: IncomingHttpHeaders): Promise<{ outcome: WebhookOutcome; answer: WebhookAnswer }> {
    const signature = checkEasyPostSignature(rawBody, headers[EASYPOST_SIGNATURE_HEADER], this.secrets);
    if (!signature.valid) {
      // Nothing of an unauthenticated body is stored or published: anyone can send one.
      this.logger.warn({ code: signature.rejection.code, bytes: rawBody.length }, 'EasyPost webhook refused: signature');
      return { outcome: 'bad_signature', answer: refusal(401, signature.rejection) };
    }
    if (signature.secretIndex > 0) this.logger.info({ secretIndex: signature.secretIndex }, 'EasyPost webhook signed with a previous secret');
    const event = readEasyPostEvent(rawBody, Date.now());
    try {
      return await this.store(rawBody, event);
    } catch (error) {
      this.logger.error({ err: error, sourceEventId: event.sourceEventId }, 'EasyPost webhook not stored; answering 503 so EasyPost delivers again');
      const body = { status: 'unavailable', code: 'STORE_FAILED', message: 'the webhook could not be stored; deliver it again' } as const;
      return { outcome: 'failed', answer: { status: 503, body } };
    }
  }

  private async store(rawBody: Buffer, event: EasyPostEventOutcome): Promise<{ outcome: WebhookOutcome; answer: WebhookAnswer }> {
    switch (event.kind) {
      case 'rejected': {
        await this.rejections.record(EASYPOST, rawBody, event.sourceEventId, event.rejection);
        carrierMetrics.rejections.inc({ provider: EASYPOST, code: event.rejection.code });
        this.logger.warn({ sourceEventId: event.sourceEventId, ...event.rejection }, 'EasyPost webhook refused: content');
        return { outcome: 'malformed', answer: refusal(400, event.rejection) };
      }
      case 'ignored': {
        const result = await this.receipts.ignore(EASYPOST, event.sourceEventId, event.description);
        const body = { status: 'ignored', sourceEventId: event.sourceEventId, description: event.description, duplicate: result === 'duplicate' } as const;
        return { outcome: result === 'duplicate' ? 'duplicate' : 'ignored', answer: { status: 200, body } };
      }
      case 'tracking': {
        const { update } = event;
        const result: ReceiptResult = await this.receipts.accept(EASYPOST, update, event.description);
        if (result === 'recorded') this.relay.wake();
        const status = result === 'recorded' ? 'accepted' : 'duplicate';
        const body = {
          status,
          sourceEventId: update.sourceEventId,
          eventId: update.eventId,
          trackingCode: update.trackingCode,
          carrier: update.carrier,
        } as const;
        return { outcome: status, answer: { status: 200, body } };
      }
    }
  }
}

function refusal(status: number, rejection: CarrierWebhookRejection): WebhookAnswer {
  return { status, body: { status: 'rejected', code: rejection.code, field: rejection.field, message: rejection.message } };
}
