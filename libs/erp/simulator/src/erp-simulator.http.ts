import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { SimulatedErp, SimulatorBehaviour } from './simulated-erp';

const MAX_BODY_BYTES = 1_048_576;

/** What the simulator books from a REST payload (the canonical ErpOrderPayload, loosely read). */
const orderBody = z.object({
  customer: z.object({ erpCustomerNumber: z.string() }),
  currency: z.string(),
  lines: z.array(
    z.object({
      channelLineId: z.string().nullable().default(null),
      sku: z.string(),
      quantity: z.number(),
      unitOfMeasure: z.string(),
      extendedAmountMinor: z.number(),
      taxMinor: z.number().default(0),
      locationId: z.string().default(''),
    }),
  ),
  totals: z.object({ totalMinor: z.number() }),
});

/** A goods issue (fulfilment) for a shipped package; the package reference is its idempotency key. */
const fulfilmentBody = z.object({
  packageReference: z.string().min(1),
  erpOrderNumber: z.string().min(1),
  shipDate: z.iso.datetime(),
  carrierCode: z.string(),
  trackingNumber: z.string(),
  lines: z.array(z.object({ lineId: z.string(), erpLineNumber: z.number().int().positive().nullable(), sku: z.string(), quantity: z.number() })),
});

const behaviourBody = z
  .object({
    latencyMs: z.number().int().min(0),
    errorRate: z.number().min(0).max(1),
    rateLimit: z.object({ capacity: z.number().positive(), refillPerSecond: z.number().positive() }).nullable(),
    outageWindows: z.array(z.object({ startsAt: z.number(), endsAt: z.number() })),
    inactiveCustomers: z.array(z.string()),
  })
  .partial();

export interface HttpSimulator {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * Cloud-ERP REST front of the simulator:
 *   PUT  /orders/{externalId}         upsert: 201 created, 200 existing, 422 invalid
 *   POST /orders/{externalId}/cancel  200 CANCELLED/ALREADY_CANCELLED, 409 NOT_CANCELLABLE, 404
 *   POST /orders/{externalId}/fulfillments   goods issue for a shipped package (Idempotency-Key: the
 *        package reference): 201 posted, 200 posted before (same document), 404 no such order,
 *        422 refused (over-shipment, cancelled order, wrong order number), 400 malformed
 *   GET  /orders, GET /orders/{externalId}, GET /goods-issues, GET /invoices   assertions (books + stats)
 *   POST /_sim/orders/{externalId}/ship      mark shipped; PATCH /_sim/behaviour  change misbehaviour (demo)
 * Outages answer 503 and quota overruns 429, both with Retry-After (seconds).
 */
export async function startHttpSimulator(
  erp: SimulatedErp,
  options: { host?: string | undefined; port?: number | undefined; apiKey?: string | undefined } = {},
): Promise<HttpSimulator> {
  const server: Server = createServer((req, res) => {
    handle(erp, req, res, options.apiKey).catch((error: unknown) => send(res, 500, { message: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(erp: SimulatedErp, req: IncomingMessage, res: ServerResponse, apiKey: string | undefined): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const path = url.pathname
    .split('/')
    .filter((p) => p !== '')
    .map(decodeURIComponent);
  const method = req.method ?? 'GET';
  const body = await readBody(req);

  if (method === 'GET' && path.length === 1 && path[0] === 'goods-issues') return send(res, 200, { goodsIssues: erp.goodsIssues(), stats: erp.stats() });
  if (method === 'GET' && path.length === 1 && path[0] === 'invoices') return send(res, 200, { invoices: erp.invoices() });
  if (method === 'GET' && path[0] === 'orders') {
    if (path.length === 1) return send(res, 200, { orders: erp.orders(), stats: erp.stats() });
    const order = erp.order(path[1] ?? '');
    return order ? send(res, 200, order) : send(res, 404, { message: 'no such order' });
  }
  if (path[0] === '_sim') {
    if (method === 'POST' && path[1] === 'orders' && path[3] === 'ship') return send(res, erp.markShipped(path[2] ?? '') ? 204 : 404, null);
    if (method === 'PATCH' && path[1] === 'behaviour') {
      const change = behaviourBody.safeParse(body);
      if (!change.success) return send(res, 400, { message: change.error.message });
      // Parsed JSON holds no undefined: a knob the body leaves out is absent, so it keeps its value.
      erp.configure(change.data as Partial<SimulatorBehaviour>);
      return send(res, 204, null);
    }
    return send(res, 404, { message: 'unknown simulator control' });
  }
  if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) return send(res, 401, { message: 'invalid API key' });

  await sleep(erp.latencyMs);
  const externalId = path[1];
  const isSubmit = method === 'PUT' && path[0] === 'orders' && path.length === 2;
  const isCancel = method === 'POST' && path[0] === 'orders' && path.length === 3 && path[2] === 'cancel';
  const isFulfilment = method === 'POST' && path[0] === 'orders' && path.length === 3 && path[2] === 'fulfillments';
  if (!externalId || (!isSubmit && !isCancel && !isFulfilment)) return send(res, 404, { message: `no route ${method} ${url.pathname}` });

  const admission = erp.admit();
  if (admission.kind === 'OUTAGE') return send(res, 503, { message: 'scheduled maintenance' }, { 'retry-after': String(admission.retryAfterSeconds) });
  if (admission.kind === 'THROTTLED') return send(res, 429, { message: 'API rate limit exceeded' }, { 'retry-after': String(admission.retryAfterSeconds) });
  if (admission.kind === 'ERROR') return send(res, 500, { message: 'internal server error (injected)' });

  if (isFulfilment) return postGoodsIssue(erp, externalId, body, req.headers['idempotency-key'], res);
  if (isCancel) {
    const result = erp.cancel(externalId);
    if (result.kind === 'NOT_FOUND') return send(res, 404, { message: `no order ${externalId}` });
    const reason = result.kind === 'NOT_CANCELLABLE' ? 'order already shipped' : null;
    return send(res, result.kind === 'NOT_CANCELLABLE' ? 409 : 200, {
      erpOrderNumber: result.order.erpOrderNumber,
      status: result.kind,
      reason,
    });
  }
  const parsed = orderBody.safeParse(body);
  if (!parsed.success) {
    return send(res, 400, {
      message: 'malformed order',
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const p = parsed.data;
  const result = erp.upsert(
    {
      externalId,
      erpCustomerNumber: p.customer.erpCustomerNumber,
      currency: p.currency,
      // The channel line id is the caller's; the ERP numbers its own lines.
      lines: p.lines.map(({ channelLineId: _channelLineId, ...line }) => line),
      totalMinor: p.totals.totalMinor,
    },
    'REST',
  );
  if (result.kind === 'INVALID') return send(res, 422, { message: 'order failed validation', errors: result.errors });
  // Its line numbers, by the channel line id each line was sent with, as a cloud ERP answers an upsert.
  const lines = p.lines.flatMap((line, i) => (line.channelLineId === null ? [] : [{ lineNumber: i + 1, channelLineId: line.channelLineId }]));
  return send(res, result.kind === 'CREATED' ? 201 : 200, { erpOrderNumber: result.order.erpOrderNumber, lines });
}

function postGoodsIssue(erp: SimulatedErp, externalId: string, body: unknown, idempotencyKey: string | string[] | undefined, res: ServerResponse): void {
  const parsed = fulfilmentBody.safeParse(body);
  if (!parsed.success) {
    return send(res, 400, {
      message: 'malformed fulfilment',
      errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  const f = parsed.data;
  if (idempotencyKey !== undefined && idempotencyKey !== f.packageReference) {
    return send(res, 400, { message: `Idempotency-Key '${String(idempotencyKey)}' is not the package reference '${f.packageReference}'` });
  }
  const result = erp.goodsIssue({ ...f, orderId: externalId, shipDate: Date.parse(f.shipDate) }, 'REST');
  switch (result.kind) {
    case 'NOT_FOUND':
      return send(res, 404, { message: `no order ${externalId}` });
    case 'INVALID':
      return send(res, 422, { message: 'goods issue refused', errors: result.errors });
    case 'CREATED':
    case 'DUPLICATE':
      return send(res, result.kind === 'CREATED' ? 201 : 200, {
        goodsIssueNumber: result.goodsIssue.goodsIssueNumber,
        postedAt: new Date(result.goodsIssue.postedAt).toISOString(),
      });
  }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  if (size === 0) return null;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) });
  res.end(payload);
}
