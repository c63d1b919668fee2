import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka } from '@crossdock/messaging';
import { createTestDatabase, createTestNamespace, dropTestNamespace, REPO_ROOT, stackEnv, type TestDatabase } from '@crossdock/testing';
import { freePorts } from './free-ports';
import { envSuffix, HUB_SERVICES } from './hub-config';

/** A day entry point (the demo, the chaos run) run as a child process in a world of its own. */
export interface IsolatedDay {
  readonly workDir: string;
  /** Everything the run printed. */
  readonly output: string;
  readonly exitCode: number | null;
  /** Removes its topics, schema subjects, databases and work folder. */
  cleanUp(): Promise<void>;
}

/**
 * Runs `entry` against the real stack in a topic namespace, throw-away databases and work folder of
 * its own, on free ports (each with port + 100 × k free for `instances` instances), so it disturbs
 * nothing else on the machine, and resolves when it has exited.
 */
export async function runIsolatedDay(entry: string, env: Record<string, string>, instances = 0): Promise<IsolatedDay> {
  const namespace = createTestNamespace('day');
  const workDir = mkdtempSync(join(tmpdir(), 'crossdock-day-it-'));
  const databases: TestDatabase[] = [];
  const childEnv: Record<string, string> = { TOPIC_NAMESPACE: namespace, CROSSDOCK_SKIP_STACK_UP: '1', CROSSDOCK_HUB_WORK_DIR: workDir, ...env };
  const ports = await freePorts(HUB_SERVICES.length, instances);
  for (const [index, service] of HUB_SERVICES.entries()) {
    const database = await createTestDatabase(service);
    databases.push(database);
    childEnv[`DATABASE_URL_${envSuffix(service)}`] = database.url;
    childEnv[`CROSSDOCK_${envSuffix(service)}_PORT`] = String(ports[index]);
  }
  let output = '';
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...childEnv, CHAOS_SERVICE_LOG: join(workDir, 'services.log'), SWC_NODE_PROJECT: 'tsconfig.base.json' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve(code));
  });
  return {
    workDir,
    output,
    exitCode,
    cleanUp: async () => {
      const kafka = createKafka('day-it-cleanup', stackEnv().kafkaBrokers);
      await dropTestNamespace(kafka, stackEnv().schemaRegistryUrl, namespace);
      for (const database of databases) await database.drop();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
