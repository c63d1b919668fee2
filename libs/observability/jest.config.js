const withOtlpExporterTransform = require('./jest.otel.js');

module.exports = withOtlpExporterTransform({
  ...require('../../jest.preset.js'),
  displayName: 'observability',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
});
