import { fork } from 'node:child_process';
import { join } from 'node:path';
import { nodeRuntimeArgs } from '@crossdock/testing';
import { measureQueryLatency, type QueryLatencyResult, type QueryLoadOptions } from './query-latency.measure';

/** The query load against a bare HTTP server (http-floor.server.ts) answering `bodyBytes` of JSON. */
export async function measureHttpFloor(bodyBytes: number, skus: number, options: QueryLoadOptions): Promise<QueryLatencyResult> {
  const server = fork(join(__dirname, 'http-floor.server.ts'), [String(bodyBytes)], {
    execArgv: [...process.execArgv, ...nodeRuntimeArgs()],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.once('message', (message: { port: number }) => resolve(message.port));
      server.once('exit', (code) => reject(new Error(`HTTP floor server exited (code ${code ?? '-'})`)));
    });
    return await measureQueryLatency(`http://127.0.0.1:${port}`, skus, options);
  } finally {
    server.disconnect();
  }
}
