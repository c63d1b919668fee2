module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'availability:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.js',
  testTimeout: 120_000,
};
