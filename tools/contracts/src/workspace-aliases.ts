import { readFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { REPO_ROOT } from './contract-paths';

// The npm scripts start the CLIs with `node -r @swc-node/register <cli>.ts` and no
// SWC_NODE_PROJECT, so the @crossdock/* path aliases of tsconfig.base.json are not rewritten at
// compile time. Resolve them at require time from the same file instead; with SWC_NODE_PROJECT
// set they are already rewritten and this hook never fires. Import this module first.
interface ResolvableModule {
  _resolveFilename(request: string, ...rest: unknown[]): string;
}

const { compilerOptions } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
const aliases = new Map(Object.entries(compilerOptions.paths).flatMap(([alias, [target]]) => (target ? [[alias, path.join(REPO_ROOT, target)] as const] : [])));
const resolvable = Module as unknown as ResolvableModule;
const resolveFilename = resolvable._resolveFilename.bind(Module);
resolvable._resolveFilename = (request: string, ...rest: unknown[]) => resolveFilename(aliases.get(request) ?? request, ...rest);
