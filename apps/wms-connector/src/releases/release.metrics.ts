import { counter, gauge } from '@crossdock/observability';

export const releaseMetrics = {
  outcomes: counter('crossdock_wms_release_outcomes_total', 'Warehouse releases answered, by location, action and outcome status', [
    'location',
    'action',
    'status',
  ]),
  unreachable: counter('crossdock_wms_release_unreachable_total', "Attempts a location's system did not answer (the release stays queued)", ['location']),
  queued: gauge('crossdock_wms_release_queue_depth', "Releases waiting for their location's system", ['location']),
  oldestAge: gauge('crossdock_wms_release_queue_oldest_age_seconds', "Age of the oldest release waiting for its location's system", ['location']),
};
