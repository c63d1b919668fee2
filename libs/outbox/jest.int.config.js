module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'outbox:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../testing/src/jest-global-setup.js',
  testTimeout: 120_000,
};
