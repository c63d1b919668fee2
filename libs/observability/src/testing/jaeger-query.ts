import { z } from 'zod';

export const DEFAULT_JAEGER_QUERY_URL = 'http://localhost:16686';

const tagSchema = z.object({ key: z.string(), type: z.string().optional(), value: z.unknown() });

const spanSchema = z.object({
  traceID: z.string(),
  spanID: z.string(),
  operationName: z.string(),
  references: z.array(z.object({ refType: z.string(), traceID: z.string(), spanID: z.string() })).default([]),
  startTime: z.number(),
  duration: z.number(),
  tags: z.array(tagSchema).default([]),
  processID: z.string(),
});

const traceSchema = z.object({
  traceID: z.string(),
  spans: z.array(spanSchema),
  processes: z.record(z.string(), z.object({ serviceName: z.string(), tags: z.array(tagSchema).default([]) })),
});

const responseSchema = z.object({ data: z.array(traceSchema).nullable() });

export type JaegerTag = z.infer<typeof tagSchema>;
export type JaegerSpan = z.infer<typeof spanSchema>;
export type JaegerTrace = z.infer<typeof traceSchema>;

export interface WaitForTraceOptions {
  /** Spans that must have arrived; spans of one trace reach Jaeger in separate batches. */
  minSpans: number;
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Polls Jaeger's query API until the trace has at least `minSpans` spans, then returns it. Bounded:
 * rejects after `timeoutMs` with what it last saw, so a broken pipeline fails the test readably.
 */
export async function waitForTrace(
  jaegerQueryUrl: string,
  traceId: string,
  { minSpans, timeoutMs = 15_000, intervalMs = 250 }: WaitForTraceOptions,
): Promise<JaegerTrace> {
  const url = `${jaegerQueryUrl.replace(/\/+$/, '')}/api/traces/${encodeURIComponent(traceId)}`;
  const deadline = Date.now() + timeoutMs;
  let lastSeen = 'no response yet';
  for (;;) {
    try {
      const trace = await fetchTrace(url);
      if (trace && trace.spans.length >= minSpans) return trace;
      lastSeen = trace ? `${trace.spans.length} span(s)` : 'trace not found';
    } catch (error) {
      lastSeen = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() + intervalMs > deadline) {
      throw new Error(`Trace ${traceId} did not reach ${minSpans} span(s) in Jaeger within ${timeoutMs} ms (last: ${lastSeen})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

async function fetchTrace(url: string): Promise<JaegerTrace | undefined> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  // Jaeger answers 404 until the first span of the trace has been stored.
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = responseSchema.parse(await response.json());
  return body.data?.[0];
}

export function findSpan(trace: JaegerTrace, operationName: string): JaegerSpan | undefined {
  return trace.spans.find((span) => span.operationName === operationName);
}

export function spanTag(span: JaegerSpan, key: string): unknown {
  return span.tags.find((tag) => tag.key === key)?.value;
}

export function spanService(trace: JaegerTrace, span: JaegerSpan): string | undefined {
  return trace.processes[span.processID]?.serviceName;
}

/** The span id of the span's CHILD_OF parent, if it has one in Jaeger's model. */
export function parentSpanId(span: JaegerSpan): string | undefined {
  return span.references.find((reference) => reference.refType === 'CHILD_OF')?.spanID;
}
