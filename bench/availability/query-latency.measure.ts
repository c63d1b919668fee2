import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { nodeRuntimeArgs } from '@crossdock/testing';
import { sleep } from '../lib/clock';
import { latencySummary } from '../lib/stats';
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

export interface QueryLoadOptions {
  readonly ratePerSec: number;
  readonly seconds: number;
  /** Same load first, not recorded: connections opened, both sides' code optimised. */
  readonly warmupSeconds: number;
}

/**
 * Runs the load from a process of its own, so what is measured is the service, not the pauses of
 * the benchmark process (whose heap still holds the earlier phases) or its other work.
 */
export function measureQueryLatency(baseUrl: string, skus: number, options: QueryLoadOptions): Promise<QueryLatencyResult> {
  const child = fork(__filename, [JSON.stringify({ baseUrl, skus, options })], {
    execArgv: [...process.execArgv, ...nodeRuntimeArgs()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (result: QueryLatencyResult) => resolve(result));
    child.once('exit', (code) => reject(new Error(`query load process exited (code ${code ?? '-'}) without a result`)));
  });
}

/** Open loop of GET /availability for random seeded SKUs at `ratePerSec`, over keep-alive connections. */
async function runQueryLoad(agent: Agent, baseUrl: string, skus: number, options: { ratePerSec: number; seconds: number }): Promise<QueryLatencyResult> {
  const url = new URL(baseUrl);
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
    await sleep(1);
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(pending);
  return { sent, achievedRatePerSec: sent / seconds, failures, ...latencySummary(latencies) };
}

if (require.main === module) {
  const { baseUrl, skus, options } = JSON.parse(process.argv[2] ?? '{}') as { baseUrl: string; skus: number; options: QueryLoadOptions };
  void (async () => {
    // One pool for both runs, used round-robin: the connections measured are open and warm.
    const agent = new Agent({ keepAlive: true, maxSockets: 16, scheduling: 'fifo' });
    await runQueryLoad(agent, baseUrl, skus, { ratePerSec: options.ratePerSec, seconds: options.warmupSeconds });
    const result = await runQueryLoad(agent, baseUrl, skus, options);
    agent.destroy();
    process.send?.(result, () => process.exit(0));
  })();
}
