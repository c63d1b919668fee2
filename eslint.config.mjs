import nx from '@nx/eslint-plugin';

// Module boundaries are the architecture: apps wire libs together, libs never reach into apps,
// and domain (business-rule) code stays free of Kafka, Nest, Prisma and other infrastructure.
// Each service's libs (scope:<service>) see only their own scope and the shared platform.
const serviceScopes = [
  'order-ingest',
  'availability',
  'shipment-events',
  'returns',
  'finance-recon',
  'channel-gateway',
  // erp-connector and wms-connector share one scope: same shape, shared libs/connectors.
  'connectors',
];

const depConstraints = [
  ...serviceScopes.map((scope) => ({
    sourceTag: `scope:${scope}`,
    onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
  })),
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'layer:contracts', onlyDependOnLibsWithTags: ['layer:contracts'] },
  { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: ['layer:domain', 'layer:contracts'] },
  {
    sourceTag: 'layer:infrastructure',
    onlyDependOnLibsWithTags: ['layer:infrastructure', 'layer:domain', 'layer:contracts'],
  },
  {
    sourceTag: 'layer:testing',
    onlyDependOnLibsWithTags: ['layer:infrastructure', 'layer:domain', 'layer:contracts', 'layer:testing'],
  },
];

// Tests may use the testing lib (stack helpers, fixtures); production code never does.
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('layer:')
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'layer:testing'] }
    : constraint,
);

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
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: testDepConstraints },
      ],
    },
  },
];
