import { CursorExpiredError, feedPageSchema, snapshotPageSchema, type FeedPage, type FeedSource, type SnapshotPage } from '@crossdock/connectors/domain';
import type { z } from 'zod';

export interface HttpFeedSourceOptions {
  /** Source system root, e.g. https://erp.example.com */
  readonly baseUrl: string;
  /** The feed's path under it, e.g. `/api/stock`. */
  readonly feedPath: string;
  readonly apiKey?: string | undefined;
  readonly timeoutMs: number;
}

/** The source did not answer usefully (down, timing out, refusing): the poller backs off and retries. */
export class SourceUnavailableError extends Error {
  constructor(
    readonly feedUrl: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SourceUnavailableError';
  }
}

/** A source system's change feed over HTTP (protocol: feed-wire.schema in @crossdock/connectors/domain). */
export class HttpFeedSource implements FeedSource {
  private readonly root: string;

  constructor(private readonly options: HttpFeedSourceOptions) {
    this.root = `${options.baseUrl.replace(/\/+$/, '')}${options.feedPath}`;
  }

  changesSince(cursor: string, limit: number): Promise<FeedPage> {
    return this.get(`${this.root}/changes?${new URLSearchParams({ since: cursor, limit: String(limit) })}`, feedPageSchema);
  }

  snapshot(pageToken: string | null, limit: number): Promise<SnapshotPage> {
    const query = new URLSearchParams({ limit: String(limit), ...(pageToken === null ? {} : { pageToken }) });
    return this.get(`${this.root}/snapshot?${query}`, snapshotPageSchema);
  }

  private async get<S extends z.ZodType>(url: string, schema: S): Promise<z.infer<S>> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      // Duck-typed: fetch's DOMException is not an Error of this realm under every runner.
      const reason = (error as { name?: unknown } | null)?.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : describe(error);
      throw new SourceUnavailableError(this.root, `${this.root} unreachable: ${reason}`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    // 410 Gone: the source dropped the log our cursor points into; FeedSync reloads the snapshot.
    if (response.status === 410) throw new CursorExpiredError(`${this.root}: cursor expired (410): ${text.slice(0, 200)}`);
    if (!response.ok) throw new SourceUnavailableError(this.root, `${this.root} answered ${response.status}: ${text.slice(0, 200)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new SourceUnavailableError(this.root, `${this.root} answered ${response.status} with a body that is not JSON`);
    }
    // A page whose envelope is wrong cannot be paged past safely (no trustworthy next token): retry it.
    const parsed = schema.safeParse(body);
    if (!parsed.success)
      throw new SourceUnavailableError(this.root, `${this.root} sent a page that breaks the feed protocol: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    return parsed.data;
  }
}

function describe(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const detail = cause ? `: ${String(cause.code ?? cause.message)}` : '';
  return `${typeof message === 'string' ? message : String(error)}${detail}`;
}
