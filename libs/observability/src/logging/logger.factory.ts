import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino, { DestinationStream, LevelWithSilent, Logger, LoggerOptions as PinoOptions } from 'pino';
import { currentCorrelation } from '../correlation/correlation.context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  serviceName: string;
  level?: LevelWithSilent;
  /** Where lines go; stdout by default. Tests pass a stream to capture them. */
  destination?: DestinationStream;
}

/** Keys for joining a log line to its trace in Jaeger and to its order's other log lines. */
export interface LogContextFields {
  trace_id: string | null;
  span_id: string | null;
  correlation_id: string | null;
}

/**
 * JSON lines for the log pipeline: every line has `service`, ISO `time`, the level as a word, and
 * `trace_id`/`span_id`/`correlation_id`. Those three are null rather than absent outside a span or
 * correlation scope, so every line has the same shape and "no context" is explicit.
 */
export function createLogger(options: LoggerOptions): Logger {
  const pinoOptions: PinoOptions = {
    level: options.level ?? 'info',
    base: { service: options.serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: logContextFields,
    // Partner credentials and tokens must never reach the log pipeline, whoever logs the object.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        ...['password', 'secret', 'token'].flatMap((key) => [key, `*.${key}`]),
      ],
      censor: '[redacted]',
    },
  };
  // pino's default stdout stream writes synchronously, so the last lines before a crash survive.
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

export function logContextFields(): LogContextFields {
  const spanContext = trace.getActiveSpan()?.spanContext();
  const traced = spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
  return {
    trace_id: traced?.traceId ?? null,
    span_id: traced?.spanId ?? null,
    correlation_id: currentCorrelation()?.correlationId ?? null,
  };
}
