import { createServer } from 'node:net';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Distinct ports nobody listens on, below Linux's ephemeral range (32768+). Asking the kernel for
 * "any free port" one at a time once handed two services the same port (it was free again after
 * each check), and the simulators, which bind port 0 later, could be handed one of ours too.
 * With `instances`, port + 100 × k is free as well for k up to it (the supervisor's instance ports).
 */
export async function freePorts(count: number, instances = 0): Promise<number[]> {
  const ports = new Set<number>();
  const taken = (port: number) => [...ports].some((p) => Math.abs(p - port) % 100 === 0 && Math.abs(p - port) <= 100 * instances);
  for (let candidate = 20_000 + Math.floor(Math.random() * 10_000); ports.size < count; candidate++) {
    if (candidate >= 32_768 - 100 * instances) candidate = 20_000;
    if (ports.has(candidate) || taken(candidate)) continue;
    let free = true;
    for (let k = 0; k <= instances && free; k++) free = await canListen(candidate + 100 * k);
    if (free) ports.add(candidate);
  }
  return [...ports];
}
