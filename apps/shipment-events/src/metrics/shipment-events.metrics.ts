import { counter, gauge, histogram } from '@crossdock/observability';

const lagBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600, 86400];

/**
 * The shipment KPIs (issue 16 item 8): milestone lag, shipment update timeliness per channel,
 * exceptions by reason, and the ERP confirmation queue. Declared once per process; the registry
 * hands back the same series when a test starts a second app.
 */
export const shipmentEventsMetrics = {
  milestoneLag: histogram(
    'crossdock_shipment_milestone_lag_seconds',
    'Source event time (warehouse or carrier clock) -> milestone event published by the outbox relay',
    ['milestone', 'source'],
    lagBuckets,
  ),
  channelUpdateTimeliness: histogram(
    'crossdock_shipment_channel_update_timeliness_seconds',
    'Source event time (warehouse or carrier clock) -> channel shipment update published by the outbox relay',
    ['channel'],
    lagBuckets,
  ),
  facts: counter('crossdock_shipment_facts_total', 'Facts received by kind and what became of them', ['kind', 'outcome']),
  exceptions: counter('crossdock_shipment_exceptions_total', 'Exceptions raised, by reason code', ['reason']),
  openExceptions: gauge('crossdock_shipment_exceptions_open', 'Open exceptions, by reason code', ['reason']),
  waitingFacts: gauge('crossdock_shipment_waiting_facts', 'Facts waiting for their order or package, by waiting reason', ['reason']),
  erpQueueDepth: gauge('crossdock_shipment_erp_confirmation_queue_depth', 'Shipped packages whose ERP confirmation is not confirmed yet (PENDING or FAILED)'),
  erpQueueOldestAge: gauge('crossdock_shipment_erp_confirmation_oldest_age_seconds', 'Age of the oldest unconfirmed ERP confirmation'),
  erpConfirmationCalls: counter(
    'crossdock_shipment_erp_confirmation_calls_total',
    'ERP ship-confirmation calls by outcome (POSTED, ALREADY_POSTED, RETRY, REFUSED) and the failure kind of a retry or refusal',
    ['outcome', 'reason'],
  ),
  replays: counter('crossdock_shipment_exception_replays_total', 'Exception replays by outcome', ['outcome']),
};
