import { counter, gauge, histogram } from '@crossdock/observability';

/**
 * The order-capture KPIs (issue 3): processing latency, duplicates suppressed, ERP retries, ERP
 * queue depth and age, exceptions by reason. Declared once per process; the registry hands back the
 * same series when a test starts a second app.
 */
export const orderIngestMetrics = {
  processingLatency: histogram(
    'crossdock_order_ingest_processing_seconds',
    'Channel-order event received -> decision committed (validation, idempotency, outbox write)',
    ['action'],
    [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  ),
  captureLatency: histogram(
    'crossdock_order_ingest_capture_seconds',
    'Order first seen -> confirmed by the ERP (includes time waiting in the ERP queue)',
    [],
    [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300, 3600],
  ),
  decisions: counter('crossdock_order_ingest_decisions_total', 'Channel-order events by the action taken', ['action']),
  duplicatesSuppressed: counter(
    'crossdock_order_ingest_duplicates_suppressed_total',
    'Channel-order events that were already handled (redelivery, webhook retry, replay) and changed nothing',
  ),
  exceptions: counter('crossdock_order_ingest_exceptions_total', 'Issues raised on HELD or REJECTED orders', ['reason', 'disposition']),
  erpCalls: counter('crossdock_order_ingest_erp_calls_total', 'ERP calls by kind and outcome', ['kind', 'outcome']),
  erpRetries: counter('crossdock_order_ingest_erp_retries_total', 'ERP calls that will be retried (outage, throttling, timeout)', ['reason']),
  erpQueueDepth: gauge('crossdock_order_ingest_erp_queue_depth', 'ERP calls waiting in the durable queue'),
  erpQueueOldestAge: gauge('crossdock_order_ingest_erp_queue_oldest_age_seconds', 'Age of the oldest ERP call waiting'),
  heldOrders: gauge('crossdock_order_ingest_held_orders', 'Orders in the exception queue, by first reason code', ['reason']),
  replays: counter('crossdock_order_ingest_replays_total', 'Exception-queue replays by result', ['result']),
  fulfilmentRecords: counter(
    'crossdock_order_ingest_fulfilment_records_total',
    'OrderFulfilment records by the progress stored (NOT_STARTED, PICKED, SHIPPED), or STALE when not newer than the stored version',
    ['outcome'],
  ),
};
