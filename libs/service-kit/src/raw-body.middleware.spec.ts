import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { captureRawBody, type RawBodyRequest } from './raw-body.middleware';

/** A bare HTTP server with the middleware in front of a handler that echoes what it captured. */
async function serve(limit: number): Promise<{ url: string; server: Server; seen: Buffer[] }> {
  const seen: Buffer[] = [];
  const middleware = captureRawBody(limit);
  const server = createServer((req: RawBodyRequest, res) => {
    middleware(req, res, (error) => {
      if (error) return void res.writeHead(500).end();
      seen.push(req.body as Buffer);
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(req.body as Buffer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server, seen };
}

/** Posts `chunks` with chunked transfer encoding (no content-length), as a streaming client would. */
function postChunked(url: string, chunks: Buffer[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('captureRawBody', () => {
  it('hands the handler the exact bytes sent, whitespace, escapes and invalid UTF-8 included', async () => {
    const { url, server, seen } = await serve(1024);
    try {
      const bytes = Buffer.concat([Buffer.from('{ "note": "caf\\u00e9",\n  "x" : 1 }'), Buffer.from([0xff, 0xfe])]);
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bytes });
      expect(response.status).toBe(200);
      expect(seen[0]?.equals(bytes)).toBe(true);
      await fetch(url, { method: 'POST' });
      expect(seen[1]).toEqual(Buffer.alloc(0));
    } finally {
      server.close();
    }
  });

  it('answers 413 when the declared length is over the limit, without calling the handler', async () => {
    const { url, server, seen } = await serve(10);
    try {
      const response = await fetch(url, { method: 'POST', body: 'x'.repeat(11) });
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ status: 'rejected', code: 'PAYLOAD_TOO_LARGE' });
      expect(seen).toEqual([]);
    } finally {
      server.close();
    }
  });

  it('answers 413 when a body without declared length grows over the limit', async () => {
    const { url, server, seen } = await serve(10);
    try {
      const answer = await postChunked(url, [Buffer.from('123456'), Buffer.from('789012')]);
      expect(answer.status).toBe(413);
      expect(seen).toEqual([]);
    } finally {
      server.close();
    }
  });
});
