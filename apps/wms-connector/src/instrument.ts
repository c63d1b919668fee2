// First import of main.ts: tracing must patch http, express, pg and kafkajs before they load.
import { startTelemetry } from '@crossdock/observability';

startTelemetry({ serviceName: 'wms-connector' });
