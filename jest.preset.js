// Shared jest settings: swc transpiles TypeScript (with decorator metadata for Nest DI);
// type checking is the separate `typecheck` target, so tests stay fast.
const path = require('node:path');
const tsconfig = require('./tsconfig.base.json');

// A path with a `*` (a service's domain lib, `@crossdock/<service>/domain`) maps its one segment through.
const moduleNameMapper = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('*', '([^/]+)')}$`,
    path.join(__dirname, target.replace('*', '$1')),
  ]),
);

// OTel's OTLP exporter loads node:http with a dynamic import() inside its CommonJS build, which
// Jest's module sandbox rejects ("A dynamic import callback was invoked without
// --experimental-vm-modules"). Compiling that one package with swc turns import() into require(),
// so integration tests export real spans to Jaeger. Services run on plain Node and are unaffected.
const OTLP_EXPORTER_BASE = '@opentelemetry/otlp-exporter-base';

module.exports = {
  testEnvironment: 'node',
  reporters: ['default', path.join(__dirname, 'tools/jest/summary-reporter.js')],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
    [`/node_modules/${OTLP_EXPORTER_BASE}/.+\\.c?js$`]: ['@swc/jest', { jsc: { target: 'es2023' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!${OTLP_EXPORTER_BASE}/)`],
};
