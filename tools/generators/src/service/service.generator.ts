import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { formatFiles, generateFiles, names, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { addToManifest, type ServiceEntry } from './services-manifest.update';

export interface ServiceGeneratorOptions {
  readonly name: string;
  readonly port?: number;
  readonly skipDatabase?: boolean;
}

/**
 * `npx nx g @crossdock/tools:service <name>`: a service that passes lint, typecheck, its unit tests
 * and its integration test as generated, registered in infra/services.json (the stack's databases,
 * `npm start`, ESLint's scopes and docker-compose read the manifest) and its domain lib's alias in
 * tsconfig.base.json, the two shared files it touches.
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
  addDomainAlias(tree, entry.name);
  // As the workspace's prettier writes them, so `npm test`'s format check passes on a new service.
  await formatFiles(tree);
  return () => {
    if (options.skipDatabase) return;
    prepareDatabase(tree.root, entry);
  };
}

/**
 * One explicit alias per domain lib: @swc-node/register, which starts every service, does not
 * resolve a `*` in the middle of an alias (`@crossdock/*\/domain`), although tsc and jest do.
 */
function addDomainAlias(tree: Tree, name: string): void {
  updateJson(tree, 'tsconfig.base.json', (tsconfig: { compilerOptions?: { paths?: Record<string, string[]> } }) => {
    const compilerOptions = tsconfig.compilerOptions ?? {};
    compilerOptions.paths = { ...compilerOptions.paths, [`@crossdock/${name}/domain`]: [`libs/${name}/domain/src/index.ts`] };
    return { ...tsconfig, compilerOptions };
  });
}

/** Generates the service's Prisma client and writes its init migration (needs the local PostgreSQL). */
function prepareDatabase(root: string, entry: ServiceEntry): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['run', '--silent', 'db', '--', 'generate', entry.name], { cwd: root, stdio: 'inherit' });
  execFileSync(npm, ['run', '--silent', 'db', '--', 'migration', entry.name, 'init'], { cwd: root, stdio: 'inherit' });
}
