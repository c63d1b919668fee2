import { Agent, request } from 'node:http';
import { sleep } from '../lib/clock';
import { percentile } from '../lib/stats';
import { benchSku } from './position-seed';

export interface QueryLatencyResult {
  readonly sent: number;
  readonly achievedRatePerSec: number;
  readonly failures: number;
  /** From the time the schedule intended (no coordinated omission). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const ACCOUNTS = ['acme-outdoor', 'amazon-us', 'edi-summit-outfitters'];

/** Open loop of GET /availability for random seeded SKUs at `ratePerSec`, over keep-alive connections. */
export async function measureQueryLatency(baseUrl: string, skus: number, options: { ratePerSec: number; seconds: number }): Promise<QueryLatencyResult> {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const latencies: number[] = [];
  let failures = 0;
  const total = options.ratePerSec * options.seconds;
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let sent = 0;
  const get = (path: string, scheduled: number): Promise<void> =>
    new Promise((resolve) => {
      const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - scheduled);
          else failures++;
          resolve();
        });
      });
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end();
    });
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * options.ratePerSec) + 1);
    for (; sent < due; sent++) {
      const sku = benchSku(Math.floor(Math.random() * skus));
      const path = `/availability?sku=${sku}&channelAccountId=${ACCOUNTS[sent % ACCOUNTS.length] ?? 'acme-outdoor'}`;
      const call = get(path, started + (sent / options.ratePerSec) * 1000).finally(() => pending.delete(call));
      pending.add(call);
    }
    await sleep(2);
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    sent,
    achievedRatePerSec: sent / seconds,
    failures,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
