module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'generators:integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.js',
  testTimeout: 900_000,
};
