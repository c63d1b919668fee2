import { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace';
import { currentTelemetry, startTelemetry } from '../telemetry/telemetry.bootstrap';

export interface InMemoryTelemetry {
  readonly exporter: InMemorySpanExporter;
  /** Flushes the batch processor, then returns every span ended so far. */
  finishedSpans(): Promise<ReadableSpan[]>;
  /** Forgets every span ended so far, including ones still queued in the batch processor. */
  reset(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The real telemetry bootstrap (propagators, context manager, correlation stamping) exporting to
 * memory, so unit tests assert on spans without Jaeger. Jest gives every test file its own OTel
 * globals; call it once per file (beforeAll) and shut it down in afterAll.
 */
export function startInMemoryTelemetry(serviceName = 'test'): InMemoryTelemetry {
  if (currentTelemetry()) throw new Error('startInMemoryTelemetry: telemetry is already running in this test file');
  const exporter = new InMemorySpanExporter();
  // An empty environment: OTEL_SDK_DISABLED or an OTLP endpoint set for the run must not reach unit tests.
  const handle = startTelemetry({ serviceName, spanExporter: exporter }, {});
  return {
    exporter,
    finishedSpans: async () => {
      await handle.flush();
      return exporter.getFinishedSpans();
    },
    reset: async () => {
      await handle.flush();
      exporter.reset();
    },
    shutdown: () => handle.shutdown(),
  };
}
