import { counter, gauge, histogram } from '@crossdock/observability';

/**
 * The availability KPIs (issue 4): publication delay, cache size, rebuild duration, reservation
 * conflicts and shortages, fulfilment's reservation changes. Declared once per process; the registry hands back the same series.
 */
export const availabilityMetrics = {
  publicationDelay: histogram(
    'crossdock_availability_publication_delay_seconds',
    'Position, item or reservation change received -> ChannelAvailability record acknowledged by Kafka',
    [],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  ),
  published: counter('crossdock_availability_records_published_total', 'ChannelAvailability records published'),
  cacheSkuLocations: gauge('crossdock_availability_cache_sku_locations', 'SKU-locations held in the position cache'),
  cachePositions: gauge('crossdock_availability_cache_positions', 'Positions held in the cache, per source', ['source']),
  rebuildDuration: gauge('crossdock_availability_rebuild_duration_seconds', 'Duration of the last start-up cache rebuild'),
  rebuildRecords: counter(
    'crossdock_availability_rebuild_records_total',
    "Records read by the instance's own table reader (the start-up rebuild, then following the tables)",
    ['topic', 'outcome'],
  ),
  positionsIgnored: counter('crossdock_availability_positions_ignored_total', 'Late or duplicate positions ignored by version', ['source']),
  reservationConflicts: counter(
    'crossdock_availability_reservation_conflicts_total',
    'Reservation attempts that waited for another transaction holding the same SKU-location',
  ),
  reservationOutcomes: counter('crossdock_availability_reservations_total', 'Order lines decided', ['outcome']),
  shortages: counter('crossdock_availability_shortages_total', 'StockShortage events raised', ['reason']),
  fulfilments: counter('crossdock_availability_fulfilments_total', 'OrderFulfilment records handled: APPLIED, or STALE (not newer than the applied version)', [
    'outcome',
  ]),
  fulfilmentChanges: counter('crossdock_availability_fulfilment_changes_total', 'Reservation changes made by fulfilment (consumed, released)', [
    'type',
    'reason',
  ]),
  consumedLinesAwaitingErp: gauge('crossdock_availability_consumed_lines_held', 'Shipped order lines held until the ERP position reflects their goods issue'),
  consumedLinesSettled: counter('crossdock_availability_consumed_lines_settled_total', 'ConsumedLine rows marked settled (the ERP position reflects them)'),
  committedUnitsAnnouncements: counter(
    'crossdock_availability_committed_units_announcements_total',
    'SKU-locations announced by the database after a committed reservation or fulfilment change (any instance)',
  ),
  committedUnitsRereads: counter(
    'crossdock_availability_committed_units_rereads_total',
    'SKU-locations whose open and consumed units were re-read from the database',
  ),
  publisherLeading: gauge('crossdock_availability_publisher_leading', '1 while this instance is the one publishing channel availability'),
  publisherTakeovers: counter(
    'crossdock_availability_publisher_takeovers_total',
    'Terms begun as the channel-availability publisher (each reconciles against the topic)',
  ),
  rebuildConsumedLines: gauge('crossdock_availability_rebuild_consumed_lines', 'ConsumedLine rows not settled yet, read by the last start-up rebuild'),
};
