// The API fuzz run: every service's OpenAPI document (/docs-json) against the service itself, on the
// real stack, with schemathesis (pinned, installed into a private venv under the stack's cache).
// Replays, resyncs and webhooks change state, so the services run in a topic namespace and fresh
// databases of their own, dropped afterwards. Exits 1 when any check fails on any service.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register tools/api-fuzz/api-fuzz.main.ts
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka } from '@crossdock/messaging';
import { createTestDatabase, createTestNamespace, dropTestNamespace, REPO_ROOT, stackEnv, type TestDatabase } from '@crossdock/testing';
import { freePorts } from './free-ports';
import { startFuzzHub, type FuzzHub } from './fuzz-hub';
import { fuzzService, type FuzzResult } from './schemathesis.run';
import { ensureSchemathesis } from './schemathesis.venv';

const log = (line: string): void => console.log(line);

/** `order-ingest` -> `ORDER_INGEST`, as DATABASE_URL_<SERVICE> and CROSSDOCK_<SERVICE>_PORT spell it. */
const envSuffix = (service: string): string => service.toUpperCase().replace(/-/g, '_');

function serviceNames(): string[] {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'infra/services.json'), 'utf8')) as { services: { name: string }[] };
  return manifest.services.map((s) => s.name);
}

/** The stack up (unless CROSSDOCK_SKIP_STACK_UP=1) and its settings for every variable not already set. */
function loadStack(): void {
  const stack = join(REPO_ROOT, 'infra/stack/stack.sh');
  if (process.env['CROSSDOCK_SKIP_STACK_UP'] !== '1') execFileSync('bash', [stack, 'up'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  for (const line of execFileSync('bash', [stack, 'env'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n')) {
    const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && process.env[match[1]] === undefined) process.env[match[1]] = (match[2] ?? '').replace(/^['"]|['"]$/g, '');
  }
}

async function main(): Promise<number> {
  const began = Date.now();
  const executable = ensureSchemathesis(log);
  loadStack();
  const services = serviceNames();
  const namespace = createTestNamespace('api-fuzz');
  const workDir = mkdtempSync(join(tmpdir(), 'crossdock-api-fuzz-'));
  const hubLog = join(workDir, 'hub.log');
  const databases: TestDatabase[] = [];
  let hub: FuzzHub | undefined;
  const results: FuzzResult[] = [];
  try {
    const ports = new Map((await freePorts(services.length)).map((port, index) => [services[index] as string, port]));
    const env: Record<string, string> = {
      TOPIC_NAMESPACE: namespace,
      CROSSDOCK_SKIP_STACK_UP: '1',
      CROSSDOCK_HUB_WORK_DIR: join(workDir, 'hub'),
      LOG_LEVEL: 'warn',
    };
    for (const service of services) {
      const database = await createTestDatabase(service);
      databases.push(database);
      env[`DATABASE_URL_${envSuffix(service)}`] = database.url;
      env[`CROSSDOCK_${envSuffix(service)}_PORT`] = String(ports.get(service));
    }
    log(`[api-fuzz] starting ${services.join(', ')} in topic namespace ${namespace}`);
    hub = await startFuzzHub(env, ports, hubLog, 240_000);
    for (const service of services) {
      const started = Date.now();
      const result = await fuzzService(executable, service, hub.urls.get(service) as string, workDir);
      results.push(result);
      log(`\n[api-fuzz] ===== ${service} (${hub.urls.get(service)}/docs-json) =====\n${result.output.trimEnd()}`);
      log(
        `[api-fuzz] ${service}: ${result.passed ? 'PASSED' : `FAILED (schemathesis exit ${result.exitCode})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }
  } finally {
    const code = await hub?.stop();
    // A hub that did not start, or did not stop cleanly (a service died under the fuzzing), shows why.
    if (code !== 0 && existsSync(hubLog)) log(`[api-fuzz] the hub's last lines:\n${readFileSync(hubLog, 'utf8').split('\n').slice(-60).join('\n')}`);
    const stack = stackEnv();
    await dropTestNamespace(createKafka('crossdock-api-fuzz-cleanup', stack.kafkaBrokers), stack.schemaRegistryUrl, namespace);
    for (const database of databases) await database.drop();
    rmSync(workDir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.passed).map((r) => r.service);
  log(`\n[api-fuzz] ${results.length - failed.length} of ${services.length} services passed every check in ${((Date.now() - began) / 1000).toFixed(0)} s`);
  if (failed.length > 0 || results.length !== services.length) {
    log(`API FUZZ FAILED: ${failed.join(', ') || 'not every service was fuzzed'}`);
    return 1;
  }
  log('API FUZZ PASSED');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
