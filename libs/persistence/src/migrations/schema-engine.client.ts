import { spawn } from 'node:child_process';
import { join } from 'node:path';

const WORKER = join(__dirname, 'schema-engine.worker.mjs');

export type SchemaEngineRequest =
  | { command: 'apply'; schemaPaths: readonly string[]; migrationsDir: string; databaseUrl: string }
  | { command: 'diff'; fromSchemaPath: string | null; schemaPaths: readonly string[]; databaseUrl: string };

/**
 * Runs one schema-engine command in a child Node process (see schema-engine.worker.mjs for why it
 * cannot run in this one). The same Node binary runs it, so it works from services, CLIs and Jest.
 */
export function runSchemaEngine<T>(request: SchemaEngineRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-wasm-modules', '--disable-warning=ExperimentalWarning', WORKER], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T);
      } else {
        const detail = Buffer.concat(err).toString('utf8').trim();
        reject(new Error(`prisma schema engine ${request.command} failed (exit ${code}): ${detail}`));
      }
    });
    child.stdin.end(JSON.stringify(request));
  });
}
