import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '@crossdock/testing';

export interface FuzzHub {
  /** Base URL of each service, by name. */
  readonly urls: ReadonlyMap<string, string>;
  /** Output of the supervisor and every service so far (for a failure report). */
  readonly logFile: string;
  /** SIGTERM to the supervisor, which stops the services in reverse order; resolves when it exited. */
  stop(): Promise<number | null>;
}

const READY_LINE = '[hub] all services ready';

/**
 * Every service under the `npm start` supervisor (tools/demo/start.main.ts): contracts applied in
 * the caller's TOPIC_NAMESPACE, the caller's databases migrated, simulators on free ports, then each
 * service on its given port, each started after the previous one answered /health/ready.
 */
export async function startFuzzHub(env: Record<string, string>, ports: ReadonlyMap<string, number>, logFile: string, timeoutMs: number): Promise<FuzzHub> {
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/demo/start.main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, SWC_NODE_PROJECT: 'tsconfig.base.json', CROSSDOCK_SIMULATOR_PORTS: 'free' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub was not ready within ${timeoutMs / 1000} s (see ${logFile})`)), timeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        if (line.startsWith(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited with ${code} before it was ready (see ${logFile})`));
    });
  });
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const code = await exited;
    await new Promise<void>((resolve) => log.end(resolve));
    return code;
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const urls = new Map([...ports].map(([service, port]) => [service, `http://127.0.0.1:${port}`]));
  return { urls, logFile, stop };
}
