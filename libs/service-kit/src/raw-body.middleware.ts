import type { IncomingMessage, ServerResponse } from 'node:http';

export type RawBodyRequest = IncomingMessage & { body?: unknown };

/**
 * Keeps a webhook's body as the exact bytes received, in `req.body` (a Buffer). Installed before
 * Nest's JSON parser, which then finds the request already read and leaves it alone: the HMAC is
 * computed over these bytes, and re-serialised JSON would never match it. Bodies over `limitBytes`
 * get 413 without being buffered.
 */
export function captureRawBody(limitBytes: number) {
  return (req: RawBodyRequest, res: ServerResponse, next: (error?: unknown) => void): void => {
    const tooLarge = (): void => {
      res.statusCode = 413;
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(JSON.stringify({ status: 'rejected', code: 'PAYLOAD_TOO_LARGE', field: null, message: `body exceeds ${limitBytes} bytes` }));
    };
    if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
      req.resume();
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limitBytes) {
        refused = true;
        chunks.length = 0;
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (error) => {
      if (!refused) next(error);
    });
  };
}
