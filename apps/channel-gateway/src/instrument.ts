// First import of main.ts: tracing must patch http, express and pg before they load.
import { startTelemetry } from '@crossdock/observability';

startTelemetry({ serviceName: 'channel-gateway' });
