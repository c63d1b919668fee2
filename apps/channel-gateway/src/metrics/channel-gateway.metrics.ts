import { counter, gauge, histogram } from '@crossdock/observability';

/**
 * Channel ingress KPIs: what each channel delivered and what became of it, why documents were
 * refused, how fast webhooks are answered, and whether the pollers keep up. Declared once per
 * process; the registry hands back the same series when a test starts a second app.
 */
export const gatewayMetrics = {
  deliveries: counter('crossdock_channel_gateway_deliveries_total', 'Channel documents by channel and outcome (published, rejected, skipped, failed)', [
    'channel',
    'outcome',
  ]),
  rejections: counter('crossdock_channel_gateway_rejections_total', 'Refused channel documents by channel and reason code', ['channel', 'code']),
  ordersPublished: counter('crossdock_channel_gateway_orders_published_total', 'ChannelOrder events acknowledged by Kafka', ['channel', 'event_type']),
  webhookLatency: histogram(
    'crossdock_channel_gateway_webhook_seconds',
    'Webhook received -> answered (includes waiting for the Kafka acknowledgement)',
    ['status'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  ),
  polls: counter('crossdock_channel_gateway_polls_total', 'Poll rounds (Amazon SP-API per account, EDI drop folder) by result', ['loop', 'result']),
  pollFailuresInARow: gauge(
    'crossdock_channel_gateway_poll_consecutive_failures',
    'Failed poll rounds since the last success; above 0 the source or Kafka is unreachable',
    ['loop'],
  ),
  amazonWatermarkAge: gauge('crossdock_channel_gateway_amazon_watermark_age_seconds', 'Now minus the newest Amazon LastUpdateDate acknowledged', ['account']),
  ediFiles: counter('crossdock_channel_gateway_edi_files_total', 'Drop-folder files by disposition', ['disposition']),
};

/** A poll loop's rounds, counted by result, and its failed rounds in a row (back to 0 after a success). */
export function pollRoundMetrics(loop: string): { succeeded(): void; failed(consecutiveFailures: number): void } {
  return {
    succeeded: () => {
      gatewayMetrics.polls.inc({ loop, result: 'ok' });
      gatewayMetrics.pollFailuresInARow.set({ loop }, 0);
    },
    failed: (consecutiveFailures) => {
      gatewayMetrics.polls.inc({ loop, result: 'error' });
      gatewayMetrics.pollFailuresInARow.set({ loop }, consecutiveFailures);
    },
  };
}
