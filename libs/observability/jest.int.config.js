const withOtlpExporterTransform = require('./jest.otel.js');

// Needs the local stack's Jaeger (OTLP on :4318, query API on :16686); see infra/stack.
module.exports = withOtlpExporterTransform({
  ...require('../../jest.preset.js'),
  displayName: 'observability:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  testTimeout: 60_000,
});
