import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatFiles, generateFiles, names, type GeneratorCallback, type Tree } from '@nx/devkit';
import { addToManifest, type ServiceEntry } from './services-manifest.update';

export interface ServiceGeneratorOptions {
  readonly name: string;
  readonly port?: number;
  readonly skipDatabase?: boolean;
}

/**
 * `npx nx g @crossdock/tools:service <name>`: a service that passes lint, typecheck, its unit tests
 * and its integration test as generated, registered in infra/services.json (the only shared file it
 * touches: the stack's databases, `npm start`, ESLint's scopes and docker-compose read the manifest).
 */
export async function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> {
  const entry = addToManifest(tree, options.name, options.port);
  const n = names(entry.name);
  generateFiles(tree, join(__dirname, 'files'), '.', {
    ...n,
    name: entry.name,
    database: entry.database,
    port: entry.port,
    // `order-ingest` -> `ORDER_INGEST`: the suffix of DATABASE_URL_<SERVICE>.
    envSuffix: n.constantName,
    template: '',
  });
  // As the workspace's prettier writes them, so `npm test`'s format check passes on a new service.
  await formatFiles(tree);
  return () => {
    if (options.skipDatabase) return;
    prepareDatabase(tree.root, entry);
  };
}

/** Generates the service's Prisma client and writes its init migration (needs the local PostgreSQL). */
function prepareDatabase(root: string, entry: ServiceEntry): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', 'db', '--', 'generate', entry.name], { cwd: root, stdio: 'inherit' });
  execFileSync(npm, ['run', '--silent', 'db', '--', 'migration', entry.name, 'init'], { cwd: root, stdio: 'inherit' });
}
