// Needs the local stack's Jaeger (OTLP on :4318, query API on :16686); see infra/stack.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'observability:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest-global-setup.js',
  testTimeout: 60_000,
};
