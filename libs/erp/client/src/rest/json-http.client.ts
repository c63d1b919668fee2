import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** An ERP's whole answer: status, headers, body text. */
export interface HttpAnswer {
  readonly status: number;
  header(name: string): string | null;
  readonly text: string;
}

/** No answer within the time allowed (the request was aborted). */
export class HttpTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * One request, one buffered answer, over kept-alive connections. `fetch` spent a tenth of
 * order-ingest's thread per ERP call under load (web streams, a Response per answer, an
 * AbortSignal timer); the ERP's answers are small JSON documents read whole, so plain
 * `node:http` does it for a fraction of the cost. Idle kept-alive sockets do not hold the process open.
 */
export class JsonHttpClient {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256 });

  send(method: string, url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const payload = Buffer.from(body);
    return new Promise<HttpAnswer>((resolve, reject) => {
      const request = (secure ? httpsRequest : httpRequest)(
        target,
        {
          method,
          agent: secure ? this.httpsAgent : this.httpAgent,
          headers: { ...headers, 'content-length': String(payload.length) },
        },
        (response) => void readAnswer(response).then(resolve, reject),
      );
      const timer = setTimeout(() => request.destroy(new HttpTimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
      request.on('close', () => clearTimeout(timer));
      request.on('error', reject);
      request.end(payload);
    });
  }
}

function readAnswer(response: IncomingMessage): Promise<HttpAnswer> {
  return new Promise<HttpAnswer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () => {
      const headers = response.headers;
      resolve({
        status: response.statusCode ?? 0,
        header: (name) => {
          const value = headers[name.toLowerCase()];
          return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
        },
        text: chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}
