import type { DaySummary } from './day-summary';
import type { ShipmentSummary } from './shipment-summary';
import { formatTraceReport, type TraceReport } from './trace.report';

const ms = (value: number) => (Number.isNaN(value) ? 'n/a' : value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`);

/** The end-of-day report as printed. */
export function formatSummary(summary: DaySummary, shipments: ShipmentSummary, options: { jaegerUrl: string; trace: TraceReport; elapsedMs: number }): string {
  const dispositions = Object.entries(shipments.inputsByDisposition)
    .sort(([, a], [, b]) => b - a)
    .map(([disposition, n]) => `${disposition} ${n}`)
    .join(', ');
  const invariants = [...summary.invariants, ...shipments.invariants];
  const channels = Object.entries(summary.byChannel)
    .map(([channel, n]) => `${channel} ${n}`)
    .join(', ');
  const held = Object.entries(summary.heldReasons)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(', ');
  const per = (kind: string) =>
    Object.entries(summary.outcomesByChannel)
      .map(([channel, counts]) => `${channel} ${counts[kind] ?? 0}`)
      .join(', ');
  const lines = [
    '',
    '=== Crossdock demo: a distributor day ===',
    `orders received           ${summary.received} (${channels})`,
    `accepted                  ${summary.accepted} (${per('ACCEPTED')}; ERP orders booked: ${summary.erpOrders})`,
    `held                      ${summary.held} (${per('HELD')})${held ? `; orders per reason: ${held}` : ''}`,
    `rejected                  ${summary.rejected}`,
    `cancelled                 ${summary.cancelled}`,
    `queued during ERP outage  ${summary.queuedDuringOutage}, drained and accepted ${summary.drainedAfterOutage} (peak ERP queue ${summary.peakErpQueueDepth})`,
    `duplicates                ${summary.duplicatesSent} webhooks re-delivered, ${summary.duplicatesSuppressed ?? 'an unknown number (instances restarted)'} suppressed`,
    `availability publications ${summary.availabilityPublications} (reservations ${summary.reservations}, stock shortages ${summary.shortages})`,
    `order latency             p50 ${ms(summary.orderLatencyMs.p50)}, p99 ${ms(summary.orderLatencyMs.p99)} (channel event -> OrderAccepted, ${summary.orderLatencyMs.count} orders)`,
    `  outside the outage      p50 ${ms(summary.orderLatencyOutsideOutageMs.p50)}, p99 ${ms(summary.orderLatencyOutsideOutageMs.p99)} (${summary.orderLatencyOutsideOutageMs.count} orders)`,
    `publication delay         p50 ${ms(summary.publicationDelayMs.p50)}, p99 ${ms(summary.publicationDelayMs.p99)} (stock change in the ERP -> availability published, ${summary.publicationDelayMs.count} changes)`,
    `packages shipped          ${shipments.packagesShipped} (${shipments.unitsShipped} units), delivered ${shipments.packagesDelivered} (${shipments.unitsDelivered} units)`,
    `shipment facts            ${dispositions || 'none'}`,
    `milestones                ${shipments.milestones}, channel shipment updates ${shipments.channelUpdates} (${shipments.channelUpdatesWithFallback} with a fallback status)`,
    `shipment update timeliness p50 ${ms(shipments.updateTimelinessMs.p50)}, p99 ${ms(shipments.updateTimelinessMs.p99)} (warehouse or carrier event -> channel update published, ${shipments.updateTimelinessMs.count} updates)`,
    '',
    'invariants:',
    ...invariants.map((i) => `  ${i.ok ? 'PASS' : 'FAIL'}  ${i.name}: ${i.detail}`),
    '',
    ...formatTraceReport(options.trace, options.jaegerUrl),
    `demo took ${Math.round(options.elapsedMs / 1000)} s`,
    invariants.every((i) => i.ok) ? 'DEMO PASSED: every invariant holds' : 'DEMO FAILED: see the invariants above',
  ];
  return lines.join('\n');
}
