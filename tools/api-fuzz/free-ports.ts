import { createServer } from 'node:net';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Distinct ports nobody listens on, below Linux's ephemeral range (32768+), so the simulators,
 * which bind port 0 later, cannot be handed one of them.
 */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let candidate = 20_000 + Math.floor(Math.random() * 10_000); ports.size < count; candidate++) {
    if (candidate >= 32_768) candidate = 20_000;
    if (!ports.has(candidate) && (await canListen(candidate))) ports.add(candidate);
  }
  return [...ports];
}
