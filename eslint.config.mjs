import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nx from '@nx/eslint-plugin';

// Module boundaries are the architecture: apps wire libs together, libs never reach into apps,
// and domain (business-rule) code stays free of Kafka, Nest, Prisma and other infrastructure.
// Each service's projects (scope:<service>) see only their own scope and the shared platform.
// The scopes come from the services manifest, so a new service is fenced in the moment it is
// listed; tools/architecture checks that every project's tags name a scope and a layer below.
const root = import.meta.dirname;
const manifest = JSON.parse(readFileSync(join(root, 'infra/services.json'), 'utf8'));
export const serviceScopes = [...new Set(manifest.services.map((service) => service.scope))];

/** What each layer may import. Tests may also use the testing layer (see testDepConstraints). */
export const layerDependencies = {
  'layer:contracts': ['layer:contracts'],
  'layer:domain': ['layer:domain', 'layer:contracts'],
  'layer:infrastructure': ['layer:infrastructure', 'layer:domain', 'layer:contracts'],
  'layer:testing': ['layer:infrastructure', 'layer:domain', 'layer:contracts', 'layer:testing'],
  // Services in production: never the stack helpers, fixtures or simulators of layer:testing.
  'layer:app': ['layer:infrastructure', 'layer:domain', 'layer:contracts'],
  // The demo, benchmarks and workspace tools drive simulators and the stack like tests do, and share
  // workspace tooling (the services manifest's reader).
  'layer:tooling': ['layer:infrastructure', 'layer:domain', 'layer:contracts', 'layer:testing', 'layer:tooling'],
};

export const depConstraints = [
  ...serviceScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  ...Object.entries(layerDependencies).map(([sourceTag, allowed]) => ({ sourceTag, onlyDependOnLibsWithTags: allowed })),
];

// Tests may use the testing lib (stack helpers, fixtures); production code never does.
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('layer:')
    ? { ...constraint, onlyDependOnLibsWithTags: [...new Set([...constraint.onlyDependOnLibsWithTags, 'layer:testing'])] }
    : constraint,
);
const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test-support/**/*.ts'];

/** Every project.json under the source folders, as { root, tags }. */
function workspaceProjects() {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      walk(join(dir, entry.name));
    }
    try {
      const project = JSON.parse(readFileSync(join(root, dir, 'project.json'), 'utf8'));
      found.push({ root: dir, tags: project.tags ?? [] });
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
    }
  };
  for (const dir of ['apps', 'libs', 'tools', 'bench']) walk(dir);
  return found;
}

// Domain code is every file of a layer:domain project (found by tag, so a new domain lib is
// covered without editing this file), minus projects nested inside it (channel-adapters/sp-api).
const projects = workspaceProjects();
const domainRoots = projects.filter((project) => project.tags.includes('layer:domain')).map((project) => project.root);
const nestedInDomain = projects
  .filter((project) => !domainRoots.includes(project.root) && domainRoots.some((domain) => project.root.startsWith(`${domain}/`)))
  .map((project) => `${project.root}/**`);
const infrastructurePackages = ['kafkajs', '@kafkajs/*', '@nestjs/*', '@prisma/*', 'pg', '@opentelemetry/*', 'pino', 'pino/*', 'express', 'prom-client'];
const domainMessage = 'Domain code stays free of infrastructure: the app or an infrastructure lib does I/O, logging and metrics.';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/generated/prisma', '.stack', '.nx', 'tmp'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      // Typed linting through one program of every project's files (tsconfig.eslint.json: the
      // base options with node and jest types). A program per project (projectService) cost 2.8
      // times the CPU of untyped lint per project and ran out of a 4 GB heap linting the tree.
      parserOptions: { project: ['tsconfig.eslint.json'], tsconfigRootDir: root },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints,
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A promise nobody awaits loses its rejection; one deliberately left running says so with `void`.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A `default` is a decision about every other case; a switch without one must name them all.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Domain code must not import infrastructure packages even through npm (Nx tags only cover our libs).
    files: domainRoots.map((domain) => `${domain}/**/*.ts`),
    ignores: nestedInDomain,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'fs', message: `${domainMessage} Files are read by the app and handed over as text.` },
            { name: 'node:fs', message: `${domainMessage} Files are read by the app and handed over as text.` },
            { name: 'fs/promises', message: `${domainMessage} Files are read by the app and handed over as text.` },
            { name: 'node:fs/promises', message: `${domainMessage} Files are read by the app and handed over as text.` },
          ],
          patterns: [{ group: infrastructurePackages, message: domainMessage }],
        },
      ],
    },
  },
  {
    // Unit tests of domain code read their fixtures from disk; the rest of the fence still holds.
    files: domainRoots.flatMap((domain) => [`${domain}/**/*.spec.ts`, `${domain}/**/testing/**/*.ts`]),
    ignores: nestedInDomain,
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: infrastructurePackages, message: domainMessage }] }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'tools/**/*.ts', 'bench/**/*.ts', '**/jest.config.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: true, allow: [], depConstraints: testDepConstraints }],
    },
  },
];
