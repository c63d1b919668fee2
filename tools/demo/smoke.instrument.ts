// Imported first by backbone-smoke.ts: configuration and telemetry must exist before Nest, express
// and pg are loaded, or instrumentation cannot patch them (import statements are hoisted).
import { randomBytes } from 'node:crypto';
import { startTelemetry } from '@crossdock/observability';

export const namespace = `smoke-${Date.now().toString(36)}${randomBytes(2).toString('hex')}.`;
process.env['SERVICE_NAME'] = 'backbone-smoke';
process.env['TOPIC_NAMESPACE'] = namespace;

export const telemetry = startTelemetry({ serviceName: 'backbone-smoke' });
