import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WORKSPACE_ROOT } from './workspace.loader';

export interface DepConstraint {
  readonly sourceTag: string;
  readonly onlyDependOnLibsWithTags: readonly string[];
}

export interface EslintBoundaries {
  /** Service scopes, as eslint.config.mjs derived them from infra/services.json. */
  readonly serviceScopes: readonly string[];
  /** Every layer tag and the layers it may import. */
  readonly layerDependencies: Readonly<Record<string, readonly string[]>>;
  /** The production constraints of @nx/enforce-module-boundaries. */
  readonly depConstraints: readonly DepConstraint[];
}

/**
 * What eslint.config.mjs really enforces, read by importing it in a child Node process (it is an
 * ES module; Jest runs CommonJS), so the checks here test the config rather than a copy of it.
 */
export function loadEslintBoundaries(root: string = WORKSPACE_ROOT): EslintBoundaries {
  const config = pathToFileURL(join(root, 'eslint.config.mjs')).href;
  const script = [
    `const config = await import(${JSON.stringify(config)});`,
    'const { serviceScopes, layerDependencies, depConstraints } = config;',
    'process.stdout.write(JSON.stringify({ serviceScopes, layerDependencies, depConstraints }));',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--input-type=module', '--eval', script], { cwd: root, encoding: 'utf8' });
  return JSON.parse(output) as EslintBoundaries;
}
