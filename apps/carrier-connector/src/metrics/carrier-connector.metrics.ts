import { counter, histogram } from '@crossdock/observability';

/**
 * Carrier webhook KPIs: what each delivery became, how fast it was answered, and how long an
 * accepted update waited in the outbox before Kafka had it. Declared once per process; the registry
 * hands back the same series when a test starts a second app.
 */
export const carrierMetrics = {
  webhooks: counter(
    'crossdock_carrier_connector_webhooks_total',
    'Carrier webhook deliveries by provider and outcome (accepted, duplicate, ignored, bad_signature, malformed, failed)',
    ['provider', 'outcome'],
  ),
  rejections: counter('crossdock_carrier_connector_rejections_total', 'Refused carrier webhooks by provider and reason code', ['provider', 'code']),
  webhookLatency: histogram(
    'crossdock_carrier_connector_webhook_seconds',
    'Webhook received -> answered (the receipt and its outbox row committed)',
    ['provider', 'status'],
    [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  ),
  publishLag: histogram(
    'crossdock_carrier_connector_publish_lag_seconds',
    'Tracking update accepted (outbox row written) -> published to Kafka by the relay',
    [],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  ),
};

/** The outcomes the webhooks counter uses. */
export type WebhookOutcome = 'accepted' | 'duplicate' | 'ignored' | 'bad_signature' | 'malformed' | 'failed';
