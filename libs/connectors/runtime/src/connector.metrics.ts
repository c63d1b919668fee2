import type { FeedPollerEvents, PageReport } from '@crossdock/connectors/domain';
import { counter, gauge, histogram, type Logger } from '@crossdock/observability';

/** Declared once per process; both connectors use the same names, told apart by the `service` label. */
export const connectorMetrics = {
  published: counter('crossdock_connector_records_published_total', 'Records written to the feed topic, by kind (upsert, tombstone) and mode', [
    'feed',
    'kind',
    'mode',
  ]),
  rejections: counter('crossdock_connector_rejections_total', 'Source records not published because they cannot be mapped, by reason', ['feed', 'reason']),
  polls: counter('crossdock_connector_polls_total', 'Polls (and resyncs) of a feed by outcome', ['feed', 'outcome']),
  pollDuration: histogram(
    'crossdock_connector_poll_seconds',
    'One successful poll of a feed: read, map, publish, save cursor',
    ['feed'],
    [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  ),
  sourceUp: gauge('crossdock_connector_source_up', '1 while the last poll of the feed succeeded, 0 while it fails', ['feed']),
  consecutiveFailures: gauge('crossdock_connector_consecutive_failures', 'Failed polls in a row (0 when healthy)', ['feed']),
  lastSuccess: gauge('crossdock_connector_last_success_timestamp_seconds', 'When a poll of the feed last succeeded (Unix time)', ['feed']),
};

/** Per page: counts what was published and logs each rejection with its reason (never silent). */
export function pageObserver(logger: Logger): (report: PageReport) => void {
  return (report) => {
    if (report.upserts > 0) connectorMetrics.published.inc({ feed: report.feed, kind: 'upsert', mode: report.mode }, report.upserts);
    if (report.tombstones > 0) connectorMetrics.published.inc({ feed: report.feed, kind: 'tombstone', mode: report.mode }, report.tombstones);
    for (const rejection of report.rejections) {
      connectorMetrics.rejections.inc({ feed: report.feed, reason: rejection.reason });
      logger.warn(
        { feed: report.feed, sourceKey: rejection.sourceKey, sourceSeq: rejection.seq, reason: rejection.reason, field: rejection.field },
        `source record rejected: ${rejection.message}`,
      );
    }
  };
}

/** Poll outcomes -> health metrics and logs. */
export function pollerEvents(feed: string, logger: Logger): FeedPollerEvents {
  return {
    polled: (report, durationMs) => {
      connectorMetrics.polls.inc({ feed, outcome: 'ok' });
      connectorMetrics.pollDuration.observe({ feed }, durationMs / 1000);
      connectorMetrics.sourceUp.set({ feed }, 1);
      connectorMetrics.consecutiveFailures.set({ feed }, 0);
      connectorMetrics.lastSuccess.set({ feed }, Date.now() / 1000);
      if (report.pages > 0) {
        logger.info(
          {
            feed,
            mode: report.mode,
            pages: report.pages,
            upserts: report.upserts,
            tombstones: report.tombstones,
            rejected: report.rejected,
            cursor: report.cursor,
          },
          `${feed}: ${report.mode} published`,
        );
      }
    },
    failed: (error, consecutiveFailures, retryInMs) => {
      connectorMetrics.polls.inc({ feed, outcome: 'failed' });
      connectorMetrics.sourceUp.set({ feed }, 0);
      connectorMetrics.consecutiveFailures.set({ feed }, consecutiveFailures);
      logger.warn({ feed, err: error, consecutiveFailures, retryInMs }, `${feed}: poll failed, retrying in ${retryInMs} ms`);
    },
    recovered: (afterFailures) => logger.info({ feed, afterFailures }, `${feed}: source reachable again`),
  };
}
