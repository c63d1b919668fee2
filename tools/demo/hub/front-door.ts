import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * What a Kubernetes Service is to a Deployment: one port in front of a service's instances that
 * spreads HTTP calls round-robin over the ready ones. A call an instance drops before answering
 * (it was killed mid-request) is tried on the next one, as a client's retry would, so a webhook
 * sender sees a 502 only when no instance takes it; with none ready it answers 503. Bodies are
 * buffered (webhooks and API calls are small), which is what makes the retry possible.
 */
export class FrontDoor {
  private server: Server | undefined;
  private next = 0;

  constructor(
    readonly port: number,
    private readonly backends: () => readonly string[],
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const ready = this.backends();
    if (ready.length === 0) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no instance is ready');
      return;
    }
    for (let attempt = 0; attempt < ready.length; attempt++) {
      const backend = ready[this.next++ % ready.length]!;
      const answered = await this.tryBackend(backend, req, body, res);
      if (answered) return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' }).end('every ready instance dropped the call');
  }

  /** False when the instance dropped the call before any answer (so another may take it). */
  private tryBackend(backend: string, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const target = new URL(req.url ?? '/', backend);
      const upstream = request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => resolve(true));
        answer.on('error', () => {
          res.destroy();
          resolve(true);
        });
      });
      upstream.on('error', () => resolve(res.headersSent));
      upstream.end(body);
    });
  }
}
