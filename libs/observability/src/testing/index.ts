export * from './jaeger-query';
export * from './in-memory-telemetry';
