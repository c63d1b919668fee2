import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { PolledOrder } from '@crossdock/channel-adapters';
import { runWithCorrelation, withSpan } from '@crossdock/observability';
import { gatewayMetrics } from '../metrics/channel-gateway.metrics';
import type { ChannelOrderPublisher } from '../publishing/channel-order.publisher';
import type { ChannelRejectionRepository } from '../rejections/channel-rejection.repository';

/**
 * Hands one poller batch over: each order published in a trace of its own (an SRE follows one
 * Amazon order, not a poll), refusals recorded, skips counted. Resolves only when all of it is
 * durable, which is what lets the poller move its cursor afterwards. Sequential on purpose: two
 * versions of one order in a batch must reach Kafka in LastUpdateDate order.
 */
export class AmazonBatchEmitter {
  constructor(
    private readonly channelAccountId: string,
    private readonly publisher: ChannelOrderPublisher,
    private readonly rejections: ChannelRejectionRepository,
    private readonly logger: Logger,
  ) {}

  readonly emit = async (batch: readonly PolledOrder[]): Promise<void> => {
    for (const polled of batch) await this.emitOne(polled);
  };

  private async emitOne(polled: PolledOrder): Promise<void> {
    const { outcome } = polled;
    const documentRef = `${polled.amazonOrderId}@${polled.lastUpdateDate}`;
    if (outcome.kind === 'ORDER') {
      const { order } = outcome;
      await withSpan(
        'amazon order receive',
        {
          kind: SpanKind.CONSUMER,
          parent: ROOT_CONTEXT,
          attributes: {
            'crossdock.channel': 'AMAZON',
            'crossdock.channel_account_id': this.channelAccountId,
            'amazon.order_id': polled.amazonOrderId,
            'amazon.last_update_date': polled.lastUpdateDate,
          },
        },
        () => runWithCorrelation({ correlationId: order.orderId, orderId: order.orderId }, () => this.publisher.publish([order])),
      );
      gatewayMetrics.deliveries.inc({ channel: 'AMAZON', outcome: 'published' });
    } else if (outcome.kind === 'REJECTED') {
      await this.rejections.record('AMAZON', this.channelAccountId, documentRef, outcome.rejection);
      gatewayMetrics.deliveries.inc({ channel: 'AMAZON', outcome: 'rejected' });
      gatewayMetrics.rejections.inc({ channel: 'AMAZON', code: outcome.rejection.code });
      this.logger.warn({ channelAccountId: this.channelAccountId, documentRef, ...outcome.rejection }, `Amazon order refused: ${outcome.rejection.message}`);
    } else {
      gatewayMetrics.deliveries.inc({ channel: 'AMAZON', outcome: 'skipped' });
      this.logger.debug({ channelAccountId: this.channelAccountId, documentRef, reason: outcome.reason }, 'Amazon order skipped until its status moves on');
    }
  }
}
