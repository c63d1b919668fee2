import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BadFeedRequest, ExpiredFeedToken, type ChangeFeedTable } from './change-feed.table';
import type { OutageSwitch } from './outage.switch';

const MAX_BODY_BYTES = 65_536;

/** Remote controls for a simulator in another process (the demo): POST /_sim/<name> with a JSON body. */
export type SimulatorControls = Readonly<Record<string, (body: Record<string, unknown>) => unknown>>;

/** One call to a simulated system's own API (beyond its feeds): the path below its resource. */
export interface SimulatorApiRequest {
  readonly method: string;
  readonly path: readonly string[];
  readonly query: URLSearchParams;
  /** The JSON body ({} for none). */
  readonly body: Record<string, unknown>;
}

/** A simulated system's own API: resource name -> handler answering status and JSON body. */
export type SimulatorApi = Readonly<Record<string, (request: SimulatorApiRequest) => { readonly status: number; readonly body: unknown }>>;

export interface FeedServerOptions {
  /** Feed name -> table: served at /api/<name>/changes and /api/<name>/snapshot. */
  readonly feeds: Readonly<Record<string, ChangeFeedTable>>;
  readonly outage: OutageSwitch;
  readonly controls?: SimulatorControls;
  /** Served at /api/<resource>/..., behind the same API key and outage as the feeds. */
  readonly api?: SimulatorApi;
  /** When set, /api requests need `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string;
  readonly host?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
}

export interface FeedServer {
  readonly baseUrl: string;
  /** Requests answered by the feed API (not counting refusals during outages). */
  servedRequests(): number;
  close(): Promise<void>;
}

/**
 * HTTP front of a simulated source system:
 *   GET  /api/<feed>/changes?since=<token>&limit=<n>    change feed, oldest first; 410 for a token it never issued
 *   GET  /api/<feed>/snapshot?pageToken=<key>&limit=<n>  current rows, paged by key
 *   ANY  /api/<resource>/...                              the system's own API (`api`), if any
 *   POST /_sim/outage {durationMs?} | DELETE /_sim/outage  fault injection
 *   POST /_sim/<control> {...}                           the simulator's other controls
 * During an outage the API answers 503 with Retry-After; controls keep working.
 */
export async function startFeedServer(options: FeedServerOptions): Promise<FeedServer> {
  let served = 0;
  const server = createServer((req, res) => {
    handle(req, res)
      .then((counted) => {
        if (counted) served += 1;
      })
      .catch((error: unknown) => {
        if (error instanceof BadFeedRequest) return send(res, 400, { message: error.message, parameter: error.parameter });
        if (error instanceof ExpiredFeedToken) return send(res, 410, { code: 'CURSOR_EXPIRED', message: error.message });
        return send(res, 500, { message: error instanceof Error ? error.message : String(error) });
      });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const path = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (path[0] === '_sim') {
      const body = await readBody(req);
      if (path[1] === 'outage' && method === 'POST') {
        const duration = body['durationMs'];
        options.outage.start(typeof duration === 'number' ? duration : undefined);
        send(res, 204, null);
      } else if (path[1] === 'outage' && method === 'DELETE') {
        options.outage.end();
        send(res, 204, null);
      } else {
        const control = method === 'POST' && path[1] ? options.controls?.[path[1]] : undefined;
        if (!control) send(res, 404, { message: `no simulator control ${method} ${url.pathname}` });
        else {
          // A control refuses what it cannot do (unknown SKU, bad quantity): the caller's mistake, a 400.
          let result: unknown;
          try {
            result = control(body);
          } catch (error) {
            send(res, 400, { message: error instanceof Error ? error.message : String(error) });
            return false;
          }
          send(res, 200, { result: result ?? null });
        }
      }
      return false;
    }
    const resource = path[0] === 'api' && path[1] ? options.api?.[path[1]] : undefined;
    if (resource) {
      if (!admitted(req, res)) return false;
      const answer = resource({ method, path: path.slice(2), query: url.searchParams, body: method === 'GET' ? {} : await readBody(req) });
      send(res, answer.status, answer.body);
      return true;
    }
    const table = path[0] === 'api' && path[1] ? options.feeds[path[1]] : undefined;
    const view = path[2];
    if (method !== 'GET' || !table || path.length !== 3 || (view !== 'changes' && view !== 'snapshot')) {
      send(res, 404, { message: `no route ${method} ${url.pathname}` });
      return false;
    }
    if (!admitted(req, res)) return false;
    const limit = limitParam(url.searchParams.get('limit'));
    if (view === 'changes') {
      const since = url.searchParams.get('since');
      if (since === null) throw new BadFeedRequest('since', 'since is required (0 for the beginning of the log)');
      send(res, 200, table.changesSince(since, limit));
    } else {
      send(res, 200, table.snapshot(url.searchParams.get('pageToken'), limit));
    }
    return true;
  }

  /** The API key when one is set, and no outage; otherwise answered 401 or 503 here. */
  function admitted(req: IncomingMessage, res: ServerResponse): boolean {
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      send(res, 401, { message: 'invalid API key' });
      return false;
    }
    if (options.outage.isDown()) {
      options.outage.noteRefused();
      send(res, 503, { message: 'source system unavailable (simulated outage)' }, { 'retry-after': String(options.outage.retryAfterSeconds()) });
      return false;
    }
    return true;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://${address}:${port}`,
    servedRequests: () => served,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function limitParam(raw: string | null): number {
  if (raw === null) return 100;
  if (!/^\d+$/.test(raw)) throw new BadFeedRequest('limit', `limit must be a whole number, got '${raw}'`);
  return Number(raw);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadFeedRequest('body', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadFeedRequest('body', 'body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BadFeedRequest('body', 'body must be a JSON object');
  return parsed as Record<string, unknown>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = body === null ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) });
  res.end(payload);
}
