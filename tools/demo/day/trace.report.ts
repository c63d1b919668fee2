import type { DayFacts } from './day-facts';
import { tracedOrderId } from './day-summary';
import type { JaegerAvailability } from './jaeger.watch';

/** The summary's word on traces: one order's trace, or plainly why the day's traces were not kept. */
export type TraceReport =
  | {
      readonly kind: 'traced';
      readonly traceId: string;
      /** What Jaeger holds of it, e.g. `65 spans in Jaeger across channel-gateway, order-ingest`. */
      readonly found: string;
      /** Jaeger came up during the day: traces of orders sent in its first this many ms were dropped. */
      readonly lostFirstMs: number | null;
    }
  | { readonly kind: 'no-traced-order' }
  | { readonly kind: 'not-kept'; readonly why: string };

export interface TraceReportInput {
  readonly facts: Pick<DayFacts, 'startedAt' | 'sent' | 'channelOrders' | 'outcomes'>;
  readonly availability: JaegerAvailability;
  readonly jaegerUrl: string;
  /** The jaeger line of `stack.sh status` when the stack is the demo's own, else null. */
  readonly stackJaegerLine: () => string | null;
  readonly findTrace: (traceId: string) => Promise<string>;
}

export async function reportTrace(input: TraceReportInput): Promise<TraceReport> {
  const { facts, availability } = input;
  if (availability.upThroughout) {
    const traceId = tracedOrderId(facts);
    return traceId ? { kind: 'traced', traceId, found: await input.findTrace(traceId), lostFirstMs: null } : { kind: 'no-traced-order' };
  }
  if (availability.upSince !== null) {
    const traceId = tracedOrderId(facts, availability.upSince);
    const lostFirstMs = Math.max(0, availability.upSince - facts.startedAt);
    if (traceId) return { kind: 'traced', traceId, found: await input.findTrace(traceId), lostFirstMs };
    return { kind: 'not-kept', why: `Jaeger answered only from ${Math.round(lostFirstMs / 1000)} s into the day, after the last accepted order was sent` };
  }
  return { kind: 'not-kept', why: whyTracesWereNotKept(input.stackJaegerLine(), input.jaegerUrl) };
}

/** Why Jaeger was not there, from the stack's own status line when there is one. */
export function whyTracesWereNotKept(stackJaegerLine: string | null, jaegerUrl: string): string {
  const line = stackJaegerLine?.trim().replace(/\s+/g, ' ') ?? null;
  const building = line && /^jaeger building \((\d+) s, log: (.+)\)$/.exec(line);
  if (building) return `Jaeger was still being built (${building[1]} s so far, log: ${building[2]}); \`npm run stack:status\` shows when it is ready`;
  const failed = line && /^jaeger stopped build failed at (\S+) \(log: ([^)]+)\)/.exec(line);
  if (failed) return `Jaeger's build failed at ${failed[1]} (log: ${failed[2]}); \`npm run stack:up\` builds it again`;
  return `Jaeger did not answer at ${jaegerUrl}${line ? ` (stack status: ${line})` : ''}`;
}

export function formatTraceReport(report: TraceReport, jaegerUrl: string): string[] {
  switch (report.kind) {
    case 'traced':
      return [
        `one order's trace: ${report.traceId}`,
        `  ${jaegerUrl}/api/traces/${report.traceId}  (${report.found})`,
        ...(report.lostFirstMs === null
          ? []
          : [`  traces of the first ${Math.round(report.lostFirstMs / 1000)} s of the day were not kept: Jaeger was not up yet`]),
      ];
    case 'no-traced-order':
      return ['no trace id found on an accepted order'];
    case 'not-kept':
      return [`traces: not kept — ${report.why}`];
  }
}

/** Asks Jaeger's query API for the trace; spans arrive in batches, so it waits for the gateway's, order-ingest's and shipment-events'. */
export async function findTraceInJaeger(jaegerUrl: string, traceId: string, attempts = 15): Promise<string> {
  let found = 'not found in Jaeger (is OTLP export on?)';
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const response = await fetch(`${jaegerUrl}/api/traces/${traceId}`);
      if (response.ok) {
        const body = (await response.json()) as { data?: { spans?: unknown[]; processes?: Record<string, { serviceName: string }> }[] };
        const trace = body.data?.[0];
        if (trace?.spans?.length) {
          const services = [...new Set(Object.values(trace.processes ?? {}).map((p) => p.serviceName))].sort();
          found = `${trace.spans.length} spans in Jaeger across ${services.join(', ')}`;
          if (['channel-gateway', 'order-ingest', 'shipment-events'].every((service) => services.includes(service))) return found;
        }
      }
    } catch {
      // Jaeger not reachable
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return found;
}
