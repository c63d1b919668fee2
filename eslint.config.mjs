import { readFileSync } from 'node:fs';
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
  // The demo, benchmarks and workspace tools drive simulators and the stack like tests do.
  'layer:tooling': ['layer:infrastructure', 'layer:domain', 'layer:contracts', 'layer:testing'],
};

export const depConstraints = [
  ...serviceScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
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

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/generated/prisma', '.stack', '.nx', 'tmp'] },
  {
    files: ['**/*.ts'],
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
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Domain code must not import infrastructure packages even through npm (Nx tags only cover our libs).
    files: ['libs/*/domain/**/*.ts', 'libs/**/src/domain/**/*.ts', 'libs/channel-adapters/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['kafkajs', '@kafkajs/*', '@nestjs/*', '@prisma/*', 'pg', '@opentelemetry/*'],
              message: 'Domain code stays free of infrastructure.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'tools/**/*.ts', 'bench/**/*.ts', '**/jest.config.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: testDepConstraints },
      ],
    },
  },
];
