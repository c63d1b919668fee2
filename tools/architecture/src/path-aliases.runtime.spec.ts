import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { readDefaultTsConfig } from '@swc-node/register/read-default-tsconfig';
import { compile } from '@swc-node/register/register';
const REPO_ROOT = path.resolve(__dirname, '../../..');

/**
 * Services run under `node -r @swc-node/register` (npm start, the demo, docker-compose), which
 * rewrites the path aliases of tsconfig.base.json itself. Jest and tsc resolve them their own way,
 * so an alias they accept can still fail at start-up: swc once turned `@crossdock/*\/domain` into
 * `libs/shipment-events/domain/domain/src`. This compiles one import per alias the way a service's
 * start does and checks that every rewritten path is a file.
 */
describe('tsconfig.base.json path aliases under @swc-node/register', () => {
  const tsconfig = path.join(REPO_ROOT, 'tsconfig.base.json');
  const options = readDefaultTsConfig(tsconfig);
  const aliases = Object.keys(options.paths ?? {});
  const importer = path.join(REPO_ROOT, 'apps/any-service/src/main.ts');

  const requiredBy = (source: string): string[] => {
    const output = compile(source, importer, { ...options, module: 1 /* CommonJS */ } as Parameters<typeof compile>[2]);
    const code = typeof output === 'string' ? output : '';
    return [...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1] ?? '');
  };
  const isModule = (target: string): boolean =>
    [target, `${target}.ts`, path.join(target, 'index.ts')].some((candidate) => existsSync(candidate) && statSync(candidate).isFile());

  it('has aliases to check', () => {
    expect(aliases.length).toBeGreaterThan(10);
  });

  it.each(aliases)('%s resolves to a file at run time', (alias) => {
    const [specifier] = requiredBy(`import * as probe from '${alias}';\nconsole.log(probe);\n`);
    expect(specifier).toBeDefined();
    const target = path.resolve(path.dirname(importer), specifier ?? '');
    expect({ alias, target: path.relative(REPO_ROOT, target), resolves: isModule(target) }).toEqual({
      alias,
      target: path.relative(REPO_ROOT, target),
      resolves: true,
    });
  });
});
