// Imported before Nest, express and pg so their instrumentation can patch them at require time:
// keep this file free of imports of anything it instruments (and of Nest).
import { context, diag, propagation, trace } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, SpanExporter } from '@opentelemetry/sdk-trace';
import { CorrelationSpanProcessor } from '../correlation/correlation-span.processor';
import { serviceResource } from './telemetry.resource';

export const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

export interface TelemetryOptions {
  /**
   * A promise when the name is known only after the service's code has loaded (runService starts
   * telemetry first, so the instrumented modules load patched); spans wait for it before export.
   */
  serviceName: string | Promise<string>;
  serviceVersion?: string;
  /** OTLP/HTTP base URL; `/v1/traces` is appended. Defaults to OTEL_EXPORTER_OTLP_ENDPOINT, then :4318. */
  otlpEndpoint?: string;
  /** Turns tracing off; OTEL_SDK_DISABLED=true does too and wins, as the operator's kill switch. */
  disabled?: boolean;
  /** Deployment environment; defaults to DEPLOYMENT_ENVIRONMENT, then NODE_ENV. */
  environment?: string;
  /** Replaces the OTLP exporter, e.g. with an InMemorySpanExporter in unit tests. */
  spanExporter?: SpanExporter;
}

export interface TelemetryHandle {
  readonly enabled: boolean;
  /** Exports every ended span now; tests call it before asserting on exported spans. */
  flush(): Promise<void>;
  /**
   * Flushes, stops exporting and unpatches; a later `startTelemetry` starts afresh. Resolves even when
   * the last spans cannot be exported (no collector listening): they are dropped, the stop goes on.
   */
  shutdown(): Promise<void>;
}

let running: TelemetryHandle | undefined;

/**
 * Starts tracing for this process. Call it before anything it instruments is imported (first line
 * of main.ts, via a side-effect import). Idempotent: later calls return the first call's handle.
 * `env` lets tests decide the endpoint and kill switch; NodeSDK itself still reads the other OTEL_*
 * variables (sampler, OTEL_RESOURCE_ATTRIBUTES, OTEL_LOG_LEVEL) from process.env.
 */
export function startTelemetry(options: TelemetryOptions, env: NodeJS.ProcessEnv = process.env): TelemetryHandle {
  if (running) return running;
  running = isDisabled(options, env) ? disabledHandle() : startSdk(options, env);
  return running;
}

/** The handle of the running telemetry, if any; for code that did not start it but must flush it. */
export function currentTelemetry(): TelemetryHandle | undefined {
  return running;
}

function isDisabled(options: TelemetryOptions, env: NodeJS.ProcessEnv): boolean {
  return options.disabled === true || env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true';
}

function disabledHandle(): TelemetryHandle {
  const handle: TelemetryHandle = {
    enabled: false,
    flush: () => Promise.resolve(),
    shutdown: async () => {
      if (running === handle) running = undefined;
    },
  };
  return handle;
}

function startSdk(options: TelemetryOptions, env: NodeJS.ProcessEnv): TelemetryHandle {
  const batch = new BatchSpanProcessor({
    exporter: options.spanExporter ?? new OTLPTraceExporter({ url: tracesUrl(options, env) }),
    // Short delay so a trace shows up in Jaeger while the SRE is still looking; a bounded export
    // timeout so a dead collector cannot stall shutdown for the 30 s default.
    scheduledDelayMillis: 1_000,
    exportTimeoutMillis: 10_000,
    maxQueueSize: 4_096,
    maxExportBatchSize: 512,
  });
  const instrumentations = createInstrumentations();
  const sdk = new NodeSDK({
    ...(typeof options.serviceName === 'string' ? { serviceName: options.serviceName } : {}),
    resource: serviceResource(options, env),
    spanProcessors: [new CorrelationSpanProcessor(), batch],
    textMapPropagator: new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
    instrumentations,
    // Metrics go to Prometheus through prom-client and logs to stdout through pino; without these
    // empty lists NodeSDK would also push both over OTLP by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  // Both a service's shutdown path and its caller may shut down; the second call joins the first.
  let stopping: Promise<void> | undefined;
  const handle: TelemetryHandle = {
    enabled: true,
    flush: () => batch.forceFlush(),
    shutdown: () =>
      (stopping ??= (async () => {
        if (running === handle) running = undefined;
        for (const instrumentation of instrumentations) instrumentation.disable();
        try {
          await sdk.shutdown();
        } catch (error: unknown) {
          // The collector is not there (Jaeger still being built, or stopped): the final batch is lost
          // like any batch the exporter gave up on, and a service's orderly stop must not end in an
          // unhandled rejection. Reported where the exporter reports its failures: diag (OTEL_LOG_LEVEL).
          diag.warn(`telemetry: the last spans were not exported at shutdown: ${String(error)}`);
        } finally {
          // NodeSDK leaves its globals registered; dropping them lets a test start telemetry again.
          trace.disable();
          propagation.disable();
          context.disable();
        }
      })()),
  };
  return handle;
}

function createInstrumentations() {
  return [
    // Probes and scrapes are not business traffic; tracing them would bury the traces SREs look for.
    new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(health|metrics)(\/|\?|$)/.test(request.url ?? '') }),
    // One span per Express middleware and router layer multiplied the span count per request and
    // halved HTTP throughput; the HTTP server span plus Nest's handler span say what an SRE needs.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
    new NestInstrumentation(),
    // Every statement as one pg span with its SQL. Prisma's own instrumentation added four more
    // spans per statement (operation, serialize, db_query, and the pg one again): an order's
    // trace grew to ~150 spans, most of them noise, and span export cost CPU on the hot path.
    new PgInstrumentation(),
    // No kafkajs instrumentation: messaging makes its own spans and carries traceparent itself, as eachBatch + manual commits would get duplicate or detached auto spans.
  ];
}

function tracesUrl(options: TelemetryOptions, env: NodeJS.ProcessEnv): string {
  const specific = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'];
  if (!options.otlpEndpoint && specific) return specific;
  const base = options.otlpEndpoint ?? env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? DEFAULT_OTLP_ENDPOINT;
  // `new URL('localhost:4318')` parses (as scheme "localhost:"), so check the scheme too.
  if (!URL.canParse(base) || !['http:', 'https:'].includes(new URL(base).protocol)) {
    throw new Error(`startTelemetry: OTLP endpoint must be an absolute http(s) URL, got ${JSON.stringify(base)}`);
  }
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}
