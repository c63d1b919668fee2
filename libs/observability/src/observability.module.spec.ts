import { Writable } from 'node:stream';
import { INestApplication, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Logger as PinoLogger } from 'pino';
import { ReadinessRegistry } from './health/readiness.registry';
import { createLogger } from './logging/logger.factory';
import { PinoNestLogger } from './logging/pino-nest.logger';
import { MetricsRegistry } from './metrics/metrics.registry';
import { ObservabilityModule } from './observability.module';
import { OBSERVABILITY_LOGGER } from './observability.tokens';

function mediaTypeParts(contentType: string | null): string[] {
  return (contentType ?? '')
    .split(';')
    .map((part) => part.trim())
    .sort();
}

/** Stands in for a Kafka consumer: registers its readiness the way real components will. */
@Injectable()
class FakeConsumer implements OnModuleInit {
  connected = false;

  constructor(
    private readonly readiness: ReadinessRegistry,
    @Inject(OBSERVABILITY_LOGGER) readonly logger: PinoLogger,
    readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('kafka-consumer', () => this.connected);
    this.readiness.register('inventory-cache', () => true);
    this.metrics.counter('crossdock_kafka_messages_consumed_total', 'Messages consumed', ['topic']).inc({ topic: 'orders' });
  }
}

describe('ObservabilityModule over HTTP', () => {
  let app: INestApplication;
  let baseUrl: string;
  let consumer: FakeConsumer;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        callback();
      },
    });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ObservabilityModule.forRoot({
          serviceName: 'order-ingest',
          logger: createLogger({ serviceName: 'order-ingest', level: 'debug', destination: stream }),
          metrics: new MetricsRegistry({ defaultMetrics: false }),
        }),
      ],
      providers: [FakeConsumer],
    }).compile();
    app = moduleRef.createNestApplication({ bufferLogs: true });
    app.useLogger(app.get(PinoNestLogger));
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    consumer = app.get(FakeConsumer);
  });

  afterAll(() => app.close());

  it('answers liveness regardless of dependencies', async () => {
    const response = await fetch(`${baseUrl}/health/live`);

    expect(response.status).toBe(200);
    await expect(response.json()).resolves.toEqual({ status: 'ok', service: 'order-ingest' });
  });

  it('answers 503 naming the failing components until they are ready, then 200', async () => {
    consumer.connected = false;
    const notReady = await fetch(`${baseUrl}/health/ready`);
    expect(notReady.status).toBe(503);
    await expect(notReady.json()).resolves.toMatchObject({ status: 'not_ready', service: 'order-ingest', failing: ['kafka-consumer'] });

    consumer.connected = true;
    const ready = await fetch(`${baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    await expect(ready.json()).resolves.toMatchObject({ status: 'ready', service: 'order-ingest', failing: [] });
  });

  it('serves the registry on /metrics with its content type and the service label', async () => {
    const response = await fetch(`${baseUrl}/metrics`);

    expect(response.status).toBe(200);
    // Express re-orders the parameters when it adds the charset; the set of parameters is what counts.
    expect(mediaTypeParts(response.headers.get('content-type'))).toEqual(mediaTypeParts(app.get(MetricsRegistry).contentType));
    await expect(response.text()).resolves.toContain('crossdock_kafka_messages_consumed_total{topic="orders",service="order-ingest"} 1');
  });

  it("routes Nest's own logs and injected-logger lines through pino", () => {
    new Logger('OrderController').log('accepted');
    consumer.logger.info('consumer started');

    expect(lines).toContainEqual(expect.objectContaining({ context: 'RoutesResolver', service: 'order-ingest' }));
    expect(lines).toContainEqual(expect.objectContaining({ context: 'OrderController', msg: 'accepted' }));
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'consumer started', level: 'info' }));
  });
});
