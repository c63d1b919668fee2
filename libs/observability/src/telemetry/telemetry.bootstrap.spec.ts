import { IncomingMessage, createServer } from 'node:http';
import { AddressInfo, createServer as createTcpServer } from 'node:net';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { currentTelemetry, startTelemetry } from './telemetry.bootstrap';

interface ReceivedExport {
  path: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

/** A stand-in OTLP collector on a random local port that records what the exporter sends. */
async function fakeCollector(): Promise<{ url: string; received: ReceivedExport[]; close(): Promise<void> }> {
  const received: ReceivedExport[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url, contentType: request.headers['content-type'], body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local port nothing listens on: what the services see while Jaeger is still being built. */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('startTelemetry', () => {
  afterEach(async () => {
    await currentTelemetry()?.shutdown();
  });

  it('returns the same handle when called twice', () => {
    const first = startTelemetry({ serviceName: 'order-ingest', spanExporter: new InMemorySpanExporter() }, {});
    const second = startTelemetry({ serviceName: 'somebody-else' }, {});

    expect(second).toBe(first);
    expect(first.enabled).toBe(true);
  });

  it('stays off when OTEL_SDK_DISABLED=true, even if the code asks for it', async () => {
    const handle = startTelemetry({ serviceName: 'order-ingest', disabled: false }, { OTEL_SDK_DISABLED: 'true' });

    expect(handle.enabled).toBe(false);
    expect(trace.getTracer('t').startSpan('ignored').isRecording()).toBe(false);
    await expect(handle.flush()).resolves.toBeUndefined();
  });

  it('stamps spans with the Crossdock service identity', async () => {
    const exporter = new InMemorySpanExporter();
    const handle = startTelemetry({ serviceName: 'order-ingest', serviceVersion: '1.2.3', spanExporter: exporter }, { DEPLOYMENT_ENVIRONMENT: 'staging' });
    trace.getTracer('t').startSpan('probe').end();
    await handle.flush();

    const [span] = exporter.getFinishedSpans();
    expect(span?.resource.attributes).toMatchObject({
      'service.name': 'order-ingest',
      'service.version': '1.2.3',
      'service.namespace': 'crossdock',
      'deployment.environment.name': 'staging',
    });
  });

  it('stamps spans with a service name that is known only after start (runService loads the service after telemetry)', async () => {
    const exporter = new InMemorySpanExporter();
    let name: (value: string) => void = () => undefined;
    const handle = startTelemetry({ serviceName: new Promise<string>((resolve) => (name = resolve)), spanExporter: exporter }, {});
    trace.getTracer('t').startSpan('before the name').end();
    name('returns');
    await handle.flush();

    const [span] = exporter.getFinishedSpans();
    expect(span?.resource.attributes['service.name']).toBe('returns');
  });

  it('exports OTLP protobuf to <endpoint>/v1/traces on flush', async () => {
    const collector = await fakeCollector();
    try {
      const handle = startTelemetry({ serviceName: 'order-ingest', otlpEndpoint: collector.url }, {});
      trace.getTracer('t').startSpan('order.received').end();
      await handle.flush();

      expect(collector.received).toHaveLength(1);
      expect(collector.received[0]).toMatchObject({ path: '/v1/traces', contentType: 'application/x-protobuf' });
      // Protobuf keeps strings as UTF-8, so the span name and service are visible in the payload.
      expect(collector.received[0]?.body.toString('latin1')).toContain('order.received');
      expect(collector.received[0]?.body.toString('latin1')).toContain('order-ingest');
    } finally {
      await collector.close();
    }
  });

  it('takes the endpoint from OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const collector = await fakeCollector();
    try {
      const handle = startTelemetry({ serviceName: 's' }, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
      trace.getTracer('t').startSpan('from-env').end();
      await handle.flush();

      expect(collector.received.map((request) => request.path)).toEqual(['/v1/traces']);
    } finally {
      await collector.close();
    }
  });

  it('shuts down without an error when no collector listens (the unexported spans are dropped)', async () => {
    const timeout = process.env['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'];
    // The exporter retries a refused connection until its timeout (10 s by default); 1 s keeps the test short.
    process.env['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'] = '1000';
    try {
      const handle = startTelemetry({ serviceName: 'order-ingest', otlpEndpoint: `http://127.0.0.1:${await closedPort()}` }, {});
      trace.getTracer('t').startSpan('order.received').end();

      await expect(handle.flush()).rejects.toThrow(/ECONNREFUSED/);
      trace.getTracer('t').startSpan('order.accepted').end();
      await expect(handle.shutdown()).resolves.toBeUndefined();
      expect(currentTelemetry()).toBeUndefined();
    } finally {
      if (timeout === undefined) delete process.env['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'];
      else process.env['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT'] = timeout;
    }
  });

  it('can start again after shutdown, as a test suite does', async () => {
    const first = startTelemetry({ serviceName: 's', spanExporter: new InMemorySpanExporter() }, {});
    await first.shutdown();
    const second = startTelemetry({ serviceName: 's', spanExporter: new InMemorySpanExporter() }, {});

    expect(second).not.toBe(first);
    expect(trace.getTracer('t').startSpan('again').isRecording()).toBe(true);
  });

  it('rejects an endpoint that is not a URL', () => {
    expect(() => startTelemetry({ serviceName: 's', otlpEndpoint: 'localhost:4318' }, {})).toThrow(/absolute http\(s\) URL/);
  });
});
